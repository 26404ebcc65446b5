"""The register of directive documents a commune issued (văn bản chỉ đạo)."""

import re
from dataclasses import dataclass

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.formatting import vn_date
from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager
from hocvuso.units.models import commune_key

from .storage import private_storage


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch")
    OFFICIAL_LETTER = "letter", _("Công văn")
    DECISION = "decision", _("Quyết định")
    DIRECTIVE = "directive", _("Chỉ thị")
    NOTICE = "notice", _("Thông báo")
    REPORT = "report", _("Báo cáo")
    GUIDANCE = "guidance", _("Hướng dẫn")
    SUBMISSION = "submission", _("Tờ trình")


# Abbreviations of the kinds in Appendix III of Nghị định 30/2020/NĐ-CP. An
# official letter (công văn) has none: its symbol is the issuing body and the
# drafting unit, such as UBND-VHXH.
KIND_ABBREVIATIONS = {
    DocumentKind.PLAN: "KH",
    DocumentKind.DECISION: "QĐ",
    DocumentKind.DIRECTIVE: "CT",
    DocumentKind.NOTICE: "TB",
    DocumentKind.REPORT: "BC",
    DocumentKind.GUIDANCE: "HD",
    DocumentKind.SUBMISSION: "TTr",
}
KIND_OF_ABBREVIATION = {abbr.upper(): kind for kind, abbr in KIND_ABBREVIATIONS.items()}

_PART = r"[A-Za-zĐđ0-9&]+"
NUMBER_SYMBOL_RE = re.compile(rf"^\s*(?:Số:?\s*)?(\d{{1,5}})\s*/\s*({_PART}(?:[-.]{_PART})*)\s*$")


@dataclass(frozen=True)
class NumberSymbol:
    number: int
    symbol: str

    @property
    def kind(self):
        """The kind the symbol names, or OFFICIAL_LETTER when it names none."""
        first = self.symbol.split("-")[0].upper()
        return KIND_OF_ABBREVIATION.get(first, DocumentKind.OFFICIAL_LETTER)

    def __str__(self):
        return f"{self.number}/{self.symbol}"


def parse_number_symbol(text: str) -> NumberSymbol:
    """Parse "41/KH-UBND" (or "Số: 41/KH-UBND") into its number and symbol."""
    match = NUMBER_SYMBOL_RE.match(text or "")
    if not match:
        raise ValidationError(
            _("Số, ký hiệu “%(text)s” không đúng dạng số/ký hiệu, ví dụ 41/KH-UBND."),
            params={"text": text},
            code="bad_number_symbol",
        )
    number = int(match.group(1))
    if number < 1:
        raise ValidationError(_("Số văn bản phải lớn hơn 0."), code="bad_number")
    return NumberSymbol(number, match.group(2))


def check_kind_matches(kind: str, symbol: str) -> None:
    parsed_kind = NumberSymbol(1, symbol).kind
    if kind == DocumentKind.OFFICIAL_LETTER:
        if parsed_kind != DocumentKind.OFFICIAL_LETTER:
            raise ValidationError(
                _("Ký hiệu công văn không có chữ viết tắt loại văn bản (ví dụ UBND-VHXH).")
            )
        return
    abbreviation = KIND_ABBREVIATIONS.get(kind)
    if abbreviation and parsed_kind != kind:
        raise ValidationError(
            _("Ký hiệu của %(kind)s phải bắt đầu bằng “%(abbr)s-”, ví dụ %(abbr)s-UBND.")
            % {"kind": DocumentKind(kind).label.lower(), "abbr": abbreviation}
        )


class Document(TimeStamped):
    commune = commune_key(
        verbose_name=_("xã, phường ban hành"),
        related_name="documents",
    )
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ: KH-UBND"))
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=150,
        help_text=_("Như ghi trên văn bản: “UBND” kèm tên đơn vị."),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    summary = models.TextField(
        _("trích yếu"),
        help_text=_("Ví dụ: về việc triển khai thực hiện phong trào “Bình dân học vụ số”…"),
    )
    signed_file = models.FileField(
        _("bản ký (PDF)"), upload_to="documents/%Y/", blank=True, storage=private_storage
    )

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}
    shared_with_commune = True

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "number", "symbol", "issued_on"], name="unique_document_number"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.number_symbol} ngày {vn_date(self.issued_on)}"

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}"

    def clean(self):
        if self.symbol:
            parse_number_symbol(f"{self.number or 1}/{self.symbol}")
            if self.kind:
                try:
                    check_kind_matches(self.kind, self.symbol)
                except ValidationError as error:
                    raise ValidationError({"symbol": error.messages}) from None
        if self.issued_on and self.number and self.commune_id:
            clash = Document.objects.filter(
                commune_id=self.commune_id,
                number=self.number,
                symbol=self.symbol,
                issued_on__year=self.issued_on.year,
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {
                        "number": _("Số %(ns)s đã được dùng trong năm %(year)s.")
                        % {"ns": self.number_symbol, "year": self.issued_on.year}
                    }
                )


auditlog.register(Document)
