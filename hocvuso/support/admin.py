from django.contrib import admin

from hocvuso.accounts.admin_scoping import CatalogueAdmin
from hocvuso.core.admin import ScopedModelAdmin

from .models import Service, SupportVisit


@admin.register(Service)
class ServiceAdmin(CatalogueAdmin):
    province_field = "province"
    list_display = ["name", "short_name", "code", "province", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name", "short_name", "code"]


@admin.register(SupportVisit)
class SupportVisitAdmin(ScopedModelAdmin):
    commune_deletes = True
    list_display = ["occurred_at", "place", "village", "team", "member", "people", "outcome"]
    list_filter = ["place", "outcome", "gender", "age_band", "services"]
    date_hierarchy = "occurred_at"
    list_select_related = ["village", "team", "member"]
    autocomplete_fields = ["commune", "village", "team", "member"]
    filter_horizontal = ["services"]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
