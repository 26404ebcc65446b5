from django.contrib import admin

from hocvuso.core.admin import ScopedModelAdmin

from .models import Member, Membership, Team


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["member"]
    fields = ["member", "role", "started_on", "ended_on"]


@admin.register(Team)
class TeamAdmin(ScopedModelAdmin):
    list_display = ["name", "level", "unit", "commune", "active_from", "active_to"]
    list_filter = ["level"]
    search_fields = ["name", "unit__name"]
    list_select_related = ["unit", "commune"]
    autocomplete_fields = ["unit"]
    inlines = [MembershipInline]


@admin.register(Member)
class MemberAdmin(ScopedModelAdmin):
    list_display = ["full_name", "affiliation", "phone", "commune", "is_active"]
    list_filter = ["affiliation", "is_active"]
    search_fields = ["full_name", "phone"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    raw_id_fields = ["user"]


@admin.register(Membership)
class MembershipAdmin(ScopedModelAdmin):
    list_display = ["member", "team", "role", "started_on", "ended_on"]
    list_filter = ["role"]
    search_fields = ["member__full_name", "team__name"]
    list_select_related = ["member", "team"]
    autocomplete_fields = ["team", "member"]
