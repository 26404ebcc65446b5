"""The city officer's forms: a new request, a review, a reminder."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hocvuso.core.periods import Period, PeriodKind, period_label, reporting_period
from hocvuso.documents.models import parse_number_symbol
from hocvuso.reports.models import ReportRequest
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import communes_word, unit_phrase

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
ROMAN = ["I", "II", "III", "IV"]


def _date_field(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def period_from(
    kind: str,
    year: int | None,
    month: int | None = None,
    quarter: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> tuple[Period, str]:
    """The period a request covers, and its name ("quý II năm 2026"), or a ValidationError."""
    if kind == PeriodKind.CUSTOM:
        if not (start and end):
            raise ValidationError("Hãy nhập đủ “Từ ngày” và “Đến ngày” của kỳ báo cáo.")
        if end < start:
            raise ValidationError("Ngày kết thúc kỳ phải sau ngày bắt đầu.")
        return Period(start, end), ""
    if not year:
        raise ValidationError("Hãy nhập năm của kỳ báo cáo.")
    number = {PeriodKind.MONTH: month, PeriodKind.QUARTER: quarter}.get(kind, 1)
    if not number:
        which = "tháng" if kind == PeriodKind.MONTH else "quý"
        raise ValidationError(f"Hãy chọn {which} của kỳ báo cáo.")
    try:
        return reporting_period(kind, year, number), period_label(kind, year, number)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def period_of(data: dict) -> tuple[Period, str]:
    """`period_from` of a form's cleaned period fields."""
    return period_from(
        data["period_kind"],
        data.get("year"),
        data.get("month"),
        data.get("quarter"),
        data.get("period_start"),
        data.get("period_end"),
    )


class RequestForm(forms.Form):
    """The city's request, with its period by the cut-off rule or by its own dates."""

    number_symbol = forms.CharField(
        label="Số, ký hiệu văn bản",
        max_length=60,
        help_text="Ví dụ: 1885/SKHCN-TTTT",
        widget=forms.TextInput(attrs={"placeholder": "1885/SKHCN-TTTT", "autocomplete": "off"}),
    )
    issued_on = _date_field("Ngày ban hành")
    subject = forms.CharField(
        label="Trích yếu",
        max_length=300,
        initial=ReportRequest._meta.get_field("subject").default,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    period_kind = forms.ChoiceField(
        label="Loại kỳ báo cáo", choices=PeriodKind.CHOICES, initial=PeriodKind.QUARTER
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
    month = forms.TypedChoiceField(
        label="Tháng",
        choices=[("", "—")] + [(m, f"Tháng {m}") for m in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    quarter = forms.TypedChoiceField(
        label="Quý",
        choices=[("", "—")] + [(q, f"Quý {ROMAN[q - 1]}") for q in range(1, 5)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    period_start = _date_field("Từ ngày", required=False)
    period_end = _date_field("Đến ngày", required=False)
    deadline = _date_field("Hạn gửi báo cáo")
    to_all = forms.TypedChoiceField(
        label="Gửi tới",
        choices=[
            ("1", "Tất cả các đơn vị"),
            ("0", "Chỉ các đơn vị chọn dưới đây"),
        ],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    communes = forms.ModelMultipleChoiceField(
        label="Các đơn vị nhận yêu cầu",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["issued_on"].initial = today
        self.fields["year"].initial = today.year
        self.fields["quarter"].initial = (today.month - 1) // 3 + 1
        self.fields["month"].initial = today.month
        # A superuser writes for any city, and says which; an officer for theirs.
        if len(provinces) > 1:
            self.fields["province"] = forms.ModelChoiceField(
                label="Tỉnh/thành phố",
                queryset=Unit.objects.filter(pk__in=[p.pk for p in provinces]).order_by("name"),
            )
            self.order_fields(["province"])
        self.provinces = provinces
        if len(provinces) == 1:
            # "Tất cả xã, phường của tỉnh Điện Biên": the province's words, its communes' kinds.
            (province,) = provinces
            kinds = Unit.objects.filter(level=Level.COMMUNE, parent=province).values_list(
                "kind", flat=True
            )
            self.fields["to_all"].choices = [
                ("1", f"Tất cả {communes_word(kinds)} của {unit_phrase(province)}"),
                ("0", f"Chỉ các {communes_word(kinds)} chọn dưới đây"),
            ]
        self.fields["communes"].queryset = (
            Unit.objects.filter(level=Level.COMMUNE, parent__in=provinces)
            .select_related("parent")
            .order_by("parent__name", "name")
        )
        self.period = None
        self.period_name = ""

    @property
    def province(self) -> Unit:
        if "province" in self.fields:
            return self.cleaned_data.get("province")
        return self.provinces[0]

    def clean_number_symbol(self):
        parsed = parse_number_symbol(self.cleaned_data["number_symbol"].strip())
        if len(parsed.symbol) > ReportRequest._meta.get_field("symbol").max_length:
            raise ValidationError("Ký hiệu quá dài.")
        return parsed

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        if kind:
            try:
                self.period, self.period_name = period_of(data)
            except ValidationError as error:
                self.add_error("period_kind", error)
        issued_on, deadline = data.get("issued_on"), data.get("deadline")
        if issued_on and deadline and deadline < issued_on:
            self.add_error("deadline", "Hạn gửi báo cáo phải sau ngày ban hành yêu cầu.")
        if data.get("to_all") is False and not data.get("communes"):
            self.add_error(
                "communes", "Hãy chọn ít nhất một đơn vị, hoặc chọn gửi tất cả các đơn vị."
            )
        return data

    def service_arguments(self) -> dict:
        """The keyword arguments of `create_request`, from the cleaned form."""
        data = self.cleaned_data
        kind = data["period_kind"]
        number = {PeriodKind.MONTH: data["month"], PeriodKind.QUARTER: data["quarter"]}.get(kind)
        arguments = {
            "number": data["number_symbol"].number,
            "symbol": data["number_symbol"].symbol,
            "issued_on": data["issued_on"],
            "deadline": data["deadline"],
            "subject": data["subject"].strip(),
            "period_kind": kind,
            "communes": None if data["to_all"] else list(data["communes"]),
        }
        if kind == PeriodKind.CUSTOM:
            arguments |= {"period_start": data["period_start"], "period_end": data["period_end"]}
        else:
            arguments |= {"year": data["year"], "period_number": number}
        return arguments


class PeriodPreviewForm(forms.Form):
    """The period fields alone, for the preview shown while the officer fills the form."""

    period_kind = forms.ChoiceField(choices=PeriodKind.CHOICES)
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    month = forms.TypedChoiceField(
        choices=[(m, m) for m in range(1, 13)], coerce=int, empty_value=None, required=False
    )
    quarter = forms.TypedChoiceField(
        choices=[(q, q) for q in range(1, 5)], coerce=int, empty_value=None, required=False
    )
    period_start = forms.DateField(input_formats=DATE_FORMATS, required=False)
    period_end = forms.DateField(input_formats=DATE_FORMATS, required=False)

    def preview(self) -> dict:
        """{"period", "name"} or {"error"} for the fragment template."""
        if not self.is_valid():
            return {"error": "Kỳ báo cáo chưa đúng: hãy kiểm tra năm, tháng, quý hoặc ngày."}
        data = self.cleaned_data
        try:
            period, name = period_of(data)
        except ValidationError as error:
            return {"error": " ".join(error.messages)}
        return {"period": period, "name": name}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Đơn vị sẽ thấy lý do này trên trang báo cáo của mình.",
    )


class ReminderForm(forms.Form):
    message = forms.CharField(
        label="Lời nhắc (để trống để dùng lời nhắc mặc định)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
