from django.contrib import admin
from django.db import transaction

from hocvuso.accounts.admin_scoping import CatalogueAdmin
from hocvuso.core.admin import ScopedModelAdmin

from .models import Service, SupportVisit
from .services import counted_before
from .totals import Counted, count_changes, counted_in_database


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

    # The admin writes visits itself, not through `support.services`: it keeps the daily
    # totals as the services do, in the transaction of its change view.
    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj._counted_before = counted_before(obj) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        visit = form.instance
        removed = [visit._counted_before] if visit._counted_before else []
        after = Counted.of(visit, visit.services.values_list("pk", flat=True))
        count_changes(removed=removed, added=[after])

    def delete_model(self, request, obj):
        with transaction.atomic():
            before = counted_before(obj)
            super().delete_model(request, obj)
            count_changes(removed=[before])

    def delete_queryset(self, request, queryset):
        # The changelist's "delete selected" runs outside a transaction of its own.
        with transaction.atomic():
            chosen = SupportVisit.objects.filter(pk__in=queryset.values("pk"))
            before = counted_in_database(chosen.select_for_update())
            super().delete_queryset(request, queryset)
            count_changes(removed=before)
