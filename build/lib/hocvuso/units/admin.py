from django.contrib import admin

from hocvuso.core.admin import ScopedModelAdmin

from .models import Kind, Level, Unit
from .words import VILLAGE_KINDS as KINDS_OF_VILLAGES

VILLAGE_KINDS = [(k.value, Kind(k).label) for k in KINDS_OF_VILLAGES]


@admin.register(Unit)
class UnitAdmin(ScopedModelAdmin):
    list_display = ["name", "code", "level", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "code", "short_name"]
    list_select_related = ["parent"]
    filter_horizontal = ["merged_from"]
    fields = [
        "level",
        "kind",
        "code",
        "name",
        "short_name",
        "parent",
        "valid_from",
        "valid_to",
        "merged_from",
    ]

    def _may_edit(self, request, obj):
        # Provinces and communes come from the official list; officers add
        # and edit villages only.
        if obj is not None and obj.level != Level.VILLAGE and not request.user.is_superuser:
            return False
        return super()._may_edit(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser:
            form.base_fields["level"].choices = [(Level.VILLAGE.value, Level.VILLAGE.label)]
            form.base_fields["kind"].choices = VILLAGE_KINDS
            if "merged_from" in form.base_fields:
                form.base_fields["merged_from"].queryset = Unit.objects.visible_to(request.scope)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent" and not request.user.is_superuser:
            kwargs["queryset"] = Unit.objects.visible_to(request.scope).filter(level=Level.COMMUNE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
