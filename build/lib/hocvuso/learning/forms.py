"""The phone form for a digital class; the rules are in `learning.services`."""

from django import forms

from hocvuso.accounts.words import InUnitWords
from hocvuso.outreach.forms import DAY_FORMATS

from .services import ClassInput

GROUP_FIELDS = ["citizens", "students", "teachers", "officials"]


class ClassForm(InUnitWords, forms.Form):
    # Nothing is required here: the service names what is missing, in its words.
    topic = forms.CharField(label="Chủ đề", required=False)
    location = forms.CharField(label="Địa điểm", required=False)
    held_on = forms.DateField(label="Ngày học", input_formats=DAY_FORMATS, required=False)
    citizens = forms.IntegerField(label="Người dân", required=False)
    students = forms.IntegerField(label="Học sinh", required=False)
    teachers = forms.IntegerField(label="Giáo viên", required=False)
    officials = forms.IntegerField(label="Cán bộ, công chức", required=False)
    village = forms.CharField(required=False)

    def class_input(self) -> ClassInput:
        data = self.cleaned_data
        return ClassInput(
            held_on=data["held_on"],
            topic=data["topic"],
            location=data["location"],
            village=data["village"] or None,
            **{name: data[name] or 0 for name in GROUP_FIELDS},
        )
