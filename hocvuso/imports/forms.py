from django import forms

from .kinds import KINDS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=[(slug, kind.sheet.title) for slug, kind in KINDS.items()])
    file = forms.FileField(
        label="File Excel (.xlsx)",
        error_messages={"required": "Hãy chọn file Excel cần nhập."},
    )
