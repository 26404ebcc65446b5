from django.contrib import admin

from hocvuso.accounts.admin_scoping import CatalogueAdmin
from hocvuso.core.admin import ScopedModelAdmin

from .models import CourseParticipation, DigitalClass, Platform


@admin.register(Platform)
class PlatformAdmin(CatalogueAdmin):
    province_field = "province"
    province_deletes = True
    list_display = ["name", "url", "position"]
    search_fields = ["name"]


@admin.register(DigitalClass)
class DigitalClassAdmin(ScopedModelAdmin):
    list_display = ["held_on", "topic", "village", "officials", "teachers", "students", "citizens"]
    search_fields = ["topic"]
    date_hierarchy = "held_on"
    list_select_related = ["village"]
    autocomplete_fields = ["commune", "village", "team", "member"]


@admin.register(CourseParticipation)
class CourseParticipationAdmin(ScopedModelAdmin):
    list_display = [
        "platform",
        "group",
        "period_start",
        "period_end",
        "participants",
        "completed",
        "commune",
    ]
    list_filter = ["platform", "group"]
    list_select_related = ["platform", "commune"]
    autocomplete_fields = ["commune"]
