"""The phone forms for a communication activity and a Zalo group's member count.

The forms turn text into values; the rules (a day not in the future, counts in
range, a village of the member's commune) are the services' business.
"""

from django import forms
from django.core.exceptions import ValidationError

from hocvuso.accounts.words import InUnitWords

from .services import ActivityInput

DAY_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields else None, texts)


class ActivityForm(InUnitWords, forms.Form):
    # Nothing is required here: the service names what is missing, in its words.
    channel = forms.CharField(label="Hình thức", required=False)
    title = forms.CharField(label="Nội dung", required=False)
    times = forms.IntegerField(label="Số lần", required=False)
    reach = forms.IntegerField(label="Số người tiếp cận (ước tính)", required=False)
    held_on = forms.DateField(label="Ngày", input_formats=DAY_FORMATS, required=False)
    village = forms.CharField(required=False)

    def activity_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            held_on=data["held_on"],
            channel=data["channel"],
            title=data["title"],
            times=data["times"],
            reach=data["reach"],
            village=data["village"] or None,
        )


class ZaloCountForm(forms.Form):
    member_count = forms.IntegerField(label="Số thành viên")
