from django.contrib import admin

from hocvuso.core.admin import ScopedModelAdmin

from .models import OutreachActivity, ZaloGroup


@admin.register(OutreachActivity)
class OutreachActivityAdmin(ScopedModelAdmin):
    list_display = ["held_on", "channel", "title", "village", "times", "reach"]
    list_filter = ["channel"]
    search_fields = ["title"]
    date_hierarchy = "held_on"
    list_select_related = ["village"]
    autocomplete_fields = ["commune", "village", "team", "member"]


@admin.register(ZaloGroup)
class ZaloGroupAdmin(ScopedModelAdmin):
    list_display = ["name", "village", "member_count", "counted_on"]
    search_fields = ["name", "village__name"]
    list_select_related = ["village"]
    autocomplete_fields = ["village", "team"]
