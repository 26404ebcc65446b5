"""Reading a visit sent by the logging page into the services' `VisitInput`.

The form only turns text into Python values; whether the values make a valid
visit (known services, a village of the right commune, a time not in the
future) is decided once, in `services._resolve`.
"""

from django import forms

from hocvuso.accounts.words import InUnitWords

from .models import AgeBand, Gender, Outcome, Place
from .services import MAX_PEOPLE, VisitInput


class VisitForm(InUnitWords, forms.Form):
    # A list of codes; which codes exist is the services' business.
    services = forms.Field(label="Dịch vụ", required=False, widget=forms.SelectMultiple)
    place = forms.ChoiceField(label="Nơi hỗ trợ", choices=Place.choices)
    people = forms.IntegerField(label="Số người", min_value=1, max_value=MAX_PEOPLE)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices, required=False)
    age_band = forms.ChoiceField(label="Độ tuổi", choices=AgeBand.choices, required=False)
    outcome = forms.ChoiceField(label="Kết quả", choices=Outcome.choices, required=False)
    elderly = forms.BooleanField(label="Người cao tuổi", required=False)
    disability = forms.BooleanField(label="Người khuyết tật", required=False)
    village = forms.CharField(required=False)
    occurred_at = forms.DateTimeField(label="Thời gian", required=False)
    note = forms.CharField(label="Ghi chú", max_length=250, required=False)

    def visit_input(self) -> VisitInput:
        data = self.cleaned_data
        return VisitInput(
            services=list(data["services"] or []),
            occurred_at=data["occurred_at"],
            place=data["place"],
            people=data["people"],
            gender=data["gender"] or Gender.UNKNOWN,
            age_band=data["age_band"] or AgeBand.UNKNOWN,
            elderly=data["elderly"],
            disability=data["disability"],
            outcome=data["outcome"] or Outcome.DONE,
            village=data["village"] or None,
            note=data["note"],
        )
