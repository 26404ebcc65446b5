"""The Ministry's request form (the province's, one level up) and the province's answer form."""

from django import forms

from hocvuso.city.forms import RequestForm
from hocvuso.units.words import ProvinceWords, provinces_word

from .services import current_provinces


class NationRequestForm(RequestForm):
    """The province's request form, sent to the provinces rather than to communes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, provinces=[], **kwargs)
        provinces = current_provinces()
        word = provinces_word(provinces.values_list("kind", flat=True).order_by().distinct())
        self.fields["to_all"].choices = [
            ("1", f"Tất cả các {word}"),
            ("0", f"Chỉ các {word} chọn dưới đây"),
        ]
        self.fields["communes"].label = f"Các {word} nhận yêu cầu"
        self.fields["communes"].queryset = provinces
        self.fields["number_symbol"].help_text = "Ví dụ: 125/BKHCN-CĐS"
        self.fields["number_symbol"].widget.attrs["placeholder"] = "125/BKHCN-CĐS"

    def service_arguments(self) -> dict:
        arguments = super().service_arguments()
        arguments["provinces"] = arguments.pop("communes")
        return arguments


class AnswerForm(forms.Form):
    """Which of the province's own requests its report to the Ministry adds up."""

    source = forms.ModelChoiceField(
        label="Tổng hợp từ yêu cầu gửi các đơn vị",
        queryset=None,
        empty_label=None,
        help_text="Số liệu lấy từ các báo cáo đã tiếp nhận theo yêu cầu này, cùng kỳ báo cáo.",
    )
    report_date = forms.DateField(
        label="Ngày báo cáo",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, sources, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        # "… của tỉnh gửi các xã, phường": the province's own words.
        words = ProvinceWords.covering(province)
        self.fields[
            "source"
        ].label = f"Tổng hợp từ yêu cầu của {words.kind} gửi các {words.communes}"
