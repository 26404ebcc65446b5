from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from hocvuso.accounts.permissions import writes_for_nation, writes_for_province
from hocvuso.core.admin import (
    OfficersRead,
    PlainValuesFilter,
    ReadOnlyAdmin,
    ScopedModelAdmin,
    is_officer,
    plain_number,
)
from hocvuso.units.models import Unit

from .models import RenderJob, Report, ReportRequest, ReportSettings
from .render.docx import TemplateError, validate_template
from .setup import HEADER_FIELDS, HEADER_HELP


class ReportSettingsForm(forms.ModelForm):
    class Meta:
        model = ReportSettings
        fields = ["commune", *HEADER_FIELDS, "template"]
        # The model's examples name the demo commune; these suit any unit.
        help_texts = HEADER_HELP

    def clean_template(self):
        upload = self.cleaned_data.get("template")
        if upload and hasattr(upload, "content_type"):
            if not upload.name.lower().endswith(".docx"):
                raise ValidationError("Mẫu báo cáo phải là tệp Word .docx.")
            try:
                validate_template(upload)
            except TemplateError as error:
                raise ValidationError(str(error)) from None
            upload.seek(0)
        return upload


@admin.register(ReportSettings)
class ReportSettingsAdmin(ScopedModelAdmin):
    form = ReportSettingsForm
    list_display = ["commune", "agency_short", "signer_authority", "signer_title", "signer_name"]
    autocomplete_fields = ["commune"]


@admin.register(ReportRequest)
class ReportRequestAdmin(OfficersRead, admin.ModelAdmin):
    """The city writes its requests; communes read those of their city. The Ministry's
    officer reads every request here (the provinces' and its own), and writes its own on its
    pages (hocvuso/nation), which send them to the provinces."""

    list_display = ["__str__", "province", "period_start", "period_end", "deadline"]
    list_filter = ["province"]
    date_hierarchy = "issued_on"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or writes_for_nation(request.user):
            return queryset
        scope = request.scope
        provinces = Unit.objects.visible_to(scope).values("parent_id")
        return queryset.filter(province_id__in=provinces)

    def _city(self, request, obj=None):
        """The province's own officer (or an administrator) writes the province's requests."""
        user = request.user
        if not (is_officer(request) and writes_for_province(user)):
            return False
        return obj is None or user.is_superuser or obj.province_id == user.unit_id

    def has_add_permission(self, request):
        return self._city(request)

    def has_change_permission(self, request, obj=None):
        return self._city(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._city(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province" and not request.user.is_superuser:
            kwargs["queryset"] = db_field.related_model.objects.filter(pk=request.user.unit_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# A report's id, year and number are identifiers, shown without a thousands separator.
PLAIN = {
    name: plain_number(name, Report._meta.get_field(name).verbose_name)
    for name in ("id", "year", "number")
}


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin, ScopedModelAdmin):
    """The register, read-only here: reports are written, issued and cancelled on the report
    pages. A draft may be deleted; an issued report never is (it is cancelled, its snapshot
    kept)."""

    commune_deletes = True  # drafts only, below

    list_display = ["__str__", "commune", "status", "report_date", "issued_at"]
    list_filter = ["status", ("year", PlainValuesFilter)]
    readonly_fields = [PLAIN.get(f.name, f.name) for f in Report._meta.fields]

    def has_delete_permission(self, request, obj=None):
        may = ScopedModelAdmin.has_delete_permission(self, request, obj)
        return may and (obj is None or not obj.is_frozen)


@admin.register(RenderJob)
class RenderJobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The PDFs the worker made or failed to make, read by administrators only."""

    list_display = ["created_at", "kind", "object_id", "user", "status", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)
