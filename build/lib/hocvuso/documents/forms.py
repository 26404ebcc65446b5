from django import forms
from django.core.exceptions import ValidationError

from hocvuso.units.models import Level
from hocvuso.units.words import communes_label

from .models import Document, DocumentKind, parse_number_symbol

MAX_PDF_MB = 10


def validate_signed_pdf(upload) -> None:
    """A signed document is a PDF: its name, its first bytes and its size say so."""
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError("Bản ký phải là tệp PDF (.pdf).")
    if upload.size > MAX_PDF_MB * 1024 * 1024:
        raise ValidationError(
            f"Tệp PDF lớn hơn {MAX_PDF_MB} MB; hãy quét với độ phân giải thấp hơn."
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError("Tệp này không phải PDF, dù có đuôi .pdf.")


def default_issuer(commune) -> str:
    """ "UBND phường Hồng Bàng" for Phường Hồng Bàng: the commune's name as records have it."""
    return f"UBND {commune.name[:1].lower()}{commune.name[1:]}"


class DocumentForm(forms.ModelForm):
    commune = forms.ModelChoiceField(queryset=None, empty_label=None)
    number_symbol = forms.CharField(
        label="Số, ký hiệu",
        max_length=60,
        help_text="Ghi như trên văn bản, ví dụ 41/KH-UBND hoặc 444/UBND-VHXH.",
    )
    kind = forms.ChoiceField(
        label="Loại văn bản",
        required=False,
        choices=[("", "— Theo ký hiệu —"), *DocumentKind.choices],
        help_text="Để trống thì xác định theo ký hiệu (KH: kế hoạch, QĐ: quyết định…).",
    )
    signed_file = forms.FileField(
        label="Bản ký (PDF)",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
        help_text=f"Tệp PDF, tối đa {MAX_PDF_MB} MB.",
    )

    class Meta:
        model = Document
        fields = ["number_symbol", "kind", "issued_on", "issuer", "summary", "signed_file"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        communes = communes.filter(level=Level.COMMUNE).order_by("name")
        self.fields["commune"].queryset = communes
        self.fields["commune"].label = f"{communes_label(communes)} ban hành"
        self.fields["issued_on"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        if self.instance.pk:
            self.initial["number_symbol"] = self.instance.number_symbol
            self.initial["commune"] = self.instance.commune_id
            del self.fields["commune"]
        elif len(communes) == 1:
            # A commune officer's documents are their commune's; no need to ask.
            self.instance.commune = communes[0]
            self.initial.setdefault("issuer", default_issuer(communes[0]))
            del self.fields["commune"]
        self.order_fields(["commune", *self._meta.fields])

    @property
    def single_commune(self) -> bool:
        return "commune" not in self.fields

    def clean_number_symbol(self):
        parsed = parse_number_symbol(self.cleaned_data["number_symbol"])
        self.instance.number = parsed.number
        self.instance.symbol = parsed.symbol
        self._parsed = parsed
        return str(parsed)

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        parsed = getattr(self, "_parsed", None)
        if not kind and parsed is not None:
            kind = parsed.kind
        # Without a number and symbol to read it from, the kind stays empty;
        # the number's error is the one to show.
        return kind

    def clean_signed_file(self):
        upload = self.cleaned_data.get("signed_file")
        if upload and hasattr(upload, "content_type"):
            validate_signed_pdf(upload)
        return upload or self.instance.signed_file

    def clean(self):
        data = super().clean()
        if "commune" in self.fields and data.get("commune"):
            self.instance.commune = data["commune"]
        return data

    def _update_errors(self, errors):
        # The model checks its `number` and `symbol`; the form asks for both
        # in one field, where their errors belong.
        if hasattr(errors, "error_dict"):
            for name in ("number", "symbol"):
                if name in errors.error_dict:
                    errors.error_dict.setdefault("number_symbol", []).extend(
                        errors.error_dict.pop(name)
                    )
        super()._update_errors(errors)
