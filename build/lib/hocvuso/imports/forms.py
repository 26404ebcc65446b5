from django import forms

from .kinds import KINDS


def _kinds():
    return [(slug, kind.sheet.title) for slug, kind in KINDS.items()]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=_kinds)
    file = forms.FileField(
        label="File Excel (.xlsx)",
        error_messages={"required": "Hãy chọn file Excel cần nhập."},
    )
