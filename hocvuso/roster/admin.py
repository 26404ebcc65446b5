from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from hocvuso.core.admin import (
    ReadOnlyAdmin,
    ScopedChoices,
    ScopedModelAdmin,
    is_officer,
    writes_in_admin,
)
from hocvuso.core.scoping import EVERYTHING
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import unit_phrase

from .models import (
    Assignment,
    CalendarException,
    DutyPlace,
    Leave,
    OpeningHours,
    Shift,
    SwapRequest,
)


class ScopedInline(ScopedChoices, admin.TabularInline):
    """An inline that follows its parent's scope, not Django's per-model permissions.

    Officers work in the admin by their role (see hocvuso.core.admin): rows of a
    parent they may change are theirs to add, change and delete.
    """

    extra = 0

    def _may_edit(self, request, obj):
        if not writes_in_admin(request):
            return False
        if obj is None:
            return True
        scope = request.scope
        return type(obj)._default_manager.editable_by(scope).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return is_officer(request)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


class OpeningHoursInline(ScopedInline):
    model = OpeningHours
    fields = ["weekday", "starts", "ends", "members_needed"]


@admin.register(DutyPlace)
class DutyPlaceAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "commune", "village", "address", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address"]
    list_select_related = ["commune", "village"]
    autocomplete_fields = ["commune", "village"]
    inlines = [OpeningHoursInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new place starts with the office hours of a service centre, which
        # the officer then edits; a place saved without any hours has no shifts.
        if not change and not form.instance.hours.exists():
            form.instance.add_default_hours()


def _in_scope(scope, commune_id) -> bool:
    return scope.kind == EVERYTHING or commune_id in scope.commune_ids


@admin.register(CalendarException)
class CalendarExceptionAdmin(ScopedModelAdmin):
    """Scoped by hand: a general exception (for every commune) has no commune.

    Officers read their communes' exceptions and the general ones; they add and
    change only their communes' own. The general ones are the administrator's.
    """

    commune_deletes = True

    list_display = ["date", "kind", "name", "works_as", "commune"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]
    list_select_related = ["commune"]

    # The permissions are ScopedModelAdmin's; the rows, the choices and the check
    # on saving skip its scoped queryset, which cannot say "or no commune".
    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        scope = request.scope
        if scope.kind == EVERYTHING:
            return queryset
        return queryset.filter(Q(commune_id__in=scope.commune_ids) | Q(commune__isnull=True))

    def _may_edit(self, request, obj):
        if not writes_in_admin(request):
            return False
        return obj is None or _in_scope(request.scope, obj.commune_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commune":
            scope = request.scope
            kwargs["queryset"] = Unit.objects.visible_to(scope).filter(level=Level.COMMUNE)
            # Only an administrator adds an exception for every commune.
            kwargs["required"] = scope.kind != EVERYTHING
        return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not self._may_edit(request, obj):
            raise PermissionDenied("Bản ghi nằm ngoài phạm vi của bạn.")
        admin.ModelAdmin.save_model(self, request, obj, form, change)


@admin.register(Leave)
class LeaveAdmin(ScopedModelAdmin):
    commune_deletes = True
    list_display = ["member", "starts_on", "ends_on", "reason"]
    date_hierarchy = "starts_on"
    search_fields = ["member__full_name", "reason"]
    list_select_related = ["member"]
    autocomplete_fields = ["member"]


class AssignmentForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        member = data.get("member")
        # The admin gives the inline its shift, with the place chosen above.
        shift = self.instance.shift
        if member is not None and shift.place_id and member.commune_id != shift.place.commune_id:
            commune = unit_phrase(shift.place.commune)
            self.add_error("member", f"Thành viên phải thuộc {commune} của ca trực.")
        return data


class AssignmentInline(ScopedInline):
    model = Assignment
    form = AssignmentForm
    fields = ["member", "checked_in_at"]
    autocomplete_fields = ["member"]


@admin.register(Shift)
class ShiftAdmin(ScopedModelAdmin):
    commune_deletes = True
    list_display = ["starts_at", "ends_at", "place", "members_needed", "on_duty"]
    list_filter = ["place"]
    date_hierarchy = "starts_at"
    search_fields = ["place__name", "assignments__member__full_name"]
    list_select_related = ["place"]
    inlines = [AssignmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assignments__member")

    @admin.display(description="Người trực")
    def on_duty(self, obj):
        return ", ".join(a.member.full_name for a in obj.assignments.all())


@admin.register(SwapRequest)
class SwapRequestAdmin(ReadOnlyAdmin, ScopedModelAdmin):
    """The history of swaps: read only; a swap changes through the pages, by its steps."""

    list_display = ["created_at", "requester", "give", "take", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    date_hierarchy = "created_at"
    search_fields = ["requester__full_name", "message"]
    list_select_related = [
        "requester",
        "decided_by",
        "give__shift__place",
        "give__member",
        "take__shift__place",
        "take__member",
    ]
