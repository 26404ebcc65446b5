from django import forms
from django.contrib import admin

from hocvuso.core.admin import ScopedModelAdmin

from .forms import validate_signed_pdf
from .models import Document, parse_number_symbol


class DocumentForm(forms.ModelForm):
    number_symbol = forms.CharField(
        label="Số, ký hiệu", help_text="Ví dụ: 41/KH-UBND", max_length=60
    )

    class Meta:
        model = Document
        fields = [
            "commune",
            "kind",
            "number_symbol",
            "issuer",
            "issued_on",
            "summary",
            "signed_file",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["number_symbol"] = self.instance.number_symbol

    def clean_number_symbol(self):
        parsed = parse_number_symbol(self.cleaned_data["number_symbol"])
        self.instance.number = parsed.number
        self.instance.symbol = parsed.symbol
        return str(parsed)

    def clean_signed_file(self):
        upload = self.cleaned_data.get("signed_file")
        if upload and hasattr(upload, "content_type"):
            validate_signed_pdf(upload)
        return upload


@admin.register(Document)
class DocumentAdmin(ScopedModelAdmin):
    form = DocumentForm
    list_display = ["__str__", "kind", "issued_on", "commune"]
    list_filter = ["kind"]
    search_fields = ["symbol", "summary"]
    date_hierarchy = "issued_on"
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
