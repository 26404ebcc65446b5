from django import forms
from django.core.exceptions import ValidationError

from hocvuso.core.formatting import vn_date
from hocvuso.units.models import Level
from hocvuso.units.words import communes_label

from .models import Indicator, IndicatorKind, IndicatorValue


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IndicatorValueForm(forms.ModelForm):
    """A value of one indicator for one period; the model checks the figures (IndicatorValue.clean)."""

    commune = forms.ModelChoiceField(queryset=None, empty_label=None)

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "period_start",
            "period_end",
            "numerator",
            "denominator",
            "value",
            "is_estimate",
            "source",
            "note",
        ]
        widgets = {"period_start": _date_widget(), "period_end": _date_widget()}
        labels = {"value": "Giá trị (chỉ số số lượng)"}
        help_texts = {
            "value": "Với chỉ số tỷ lệ, giá trị (%) được tính từ tử số và mẫu số.",
            "numerator": "Ví dụ: số người đạt. Không lớn hơn mẫu số.",
            "denominator": "Ví dụ: tổng số người. Lớn hơn 0.",
        }

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        communes = communes.filter(level=Level.COMMUNE).order_by("name")
        self.fields["commune"].queryset = communes
        self.fields["commune"].label = communes_label(communes)
        self.fields["indicator"].queryset = Indicator.objects.all()
        self.fields["indicator"].empty_label = "— Chọn chỉ số —"
        for name in ("period_start", "period_end"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        for name in ("numerator", "denominator", "value"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0"})
        if not Indicator.objects.filter(kind=IndicatorKind.COUNT).exists():
            # Every indicator is a share: its value comes from the two numbers.
            del self.fields["value"]
        if self.instance.pk:
            self.fields["indicator"].disabled = True
            del self.fields["commune"]
        elif len(communes) == 1:
            self.instance.commune = communes[0]
            del self.fields["commune"]
        self.order_fields(["commune", *self._meta.fields])

    @property
    def has_counts(self) -> bool:
        return "value" in self.fields

    def clean(self):
        data = super().clean()
        if "commune" in self.fields and data.get("commune"):
            self.instance.commune = data["commune"]
        indicator, start, end = (
            data.get("indicator"),
            data.get("period_start"),
            data.get("period_end"),
        )
        if indicator and start and end and self.instance.commune_id:
            clash = IndicatorValue.objects.filter(
                indicator=indicator,
                commune_id=self.instance.commune_id,
                period_start=start,
                period_end=end,
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                period = f"{vn_date(start)}–{vn_date(end)}"
                raise ValidationError(
                    f"Đã có giá trị của chỉ số này cho kỳ {period}; hãy sửa giá trị đó."
                )
        return data
