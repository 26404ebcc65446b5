from django import forms
from django.core.exceptions import ValidationError

from hocvuso.units.models import Level, Unit
from hocvuso.units.words import communes_label

from .models import ReportRequest
from .narrative import SECTION_HEADINGS


class NewReportForm(forms.Form):
    commune = forms.ModelChoiceField(
        label="Xã, phường", queryset=Unit.objects.none(), empty_label=None
    )
    request = forms.ModelChoiceField(
        label="Trả lời yêu cầu báo cáo",
        queryset=ReportRequest.objects.none(),
        required=False,
        empty_label="— Không theo yêu cầu (tự chọn kỳ báo cáo) —",
    )
    period_start = forms.DateField(
        label="Từ ngày",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label="Đến ngày",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    report_date = forms.DateField(
        label="Ngày báo cáo", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, communes, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes.filter(level=Level.COMMUNE)
        self.fields["commune"].label = communes_label(self.fields["commune"].queryset)
        self.fields["request"].queryset = requests
        for name in ("period_start", "period_end", "report_date"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean(self):
        data = super().clean()
        request = data.get("request")
        start, end = data.get("period_start"), data.get("period_end")
        if request is None and not (start and end):
            raise ValidationError("Hãy chọn yêu cầu báo cáo, hoặc nhập đủ “Từ ngày” và “Đến ngày”.")
        if start and end and end < start:
            self.add_error("period_end", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data


class NarrativeForm(forms.Form):
    """One pair of boxes per section: text that replaces the generated one, and an addition."""

    def __init__(self, *args, report, generated, **kwargs):
        super().__init__(*args, **kwargs)
        narrative = report.narrative or {}
        self.keys = ["opening", *SECTION_HEADINGS, "closing"]
        for key in self.keys:
            saved = narrative.get(key, {})
            self.fields[f"{key}__override"] = forms.CharField(
                label="Viết lại toàn bộ đoạn này (để trống để dùng nội dung tự động)",
                required=False,
                initial=saved.get("override", ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            if key not in ("opening", "closing"):
                self.fields[f"{key}__addition"] = forms.CharField(
                    label="Thêm đoạn vào cuối mục",
                    required=False,
                    initial=saved.get("addition", ""),
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
        self.generated = generated

    def edits(self) -> dict:
        return {
            key: {
                "override": self.cleaned_data.get(f"{key}__override", ""),
                "addition": self.cleaned_data.get(f"{key}__addition", ""),
            }
            for key in self.keys
        }

    def sections(self):
        """(key, heading, generated paragraphs, override field, addition field) per part."""
        headings = {"opening": "Đoạn mở đầu", **SECTION_HEADINGS, "closing": "Đoạn kết"}
        for key in self.keys:
            yield {
                "key": key,
                "heading": headings[key],
                "paragraphs": self.generated.get(key, []),
                "override": self[f"{key}__override"],
                "addition": self[f"{key}__addition"] if f"{key}__addition" in self.fields else None,
            }
