from django import forms

from .files import max_upload_bytes, too_big_message
from .kinds import KINDS


def _kinds():
    return [(slug, kind.sheet.title) for slug, kind in KINDS.items()]


def clean_upload_size(upload):
    """Refuse a file larger than IMPORT_MAX_UPLOAD_MB before anything reads it."""
    if upload is not None and upload.size > max_upload_bytes():
        raise forms.ValidationError(too_big_message())
    return upload


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=_kinds)
    file = forms.FileField(
        label="File Excel (.xlsx)",
        error_messages={"required": "Hãy chọn file Excel cần nhập."},
    )

    def clean_file(self):
        return clean_upload_size(self.cleaned_data.get("file"))
