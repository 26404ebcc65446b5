"""The admin sees data through the same scope as every page.

Officers (city and commune) use the admin with their role, not with Django's
per-model permissions, and the admin allows what the pages allow: a commune
officer sees, adds and changes the records of its commune; a province's officer
sees its communes' records and changes none of them (its scope does not write,
see `hocvuso.accounts.permissions.writes_commune_records`). Foreign-key choices
are limited to what the user may see, and a save that would put a record outside
the user's scope is refused, so the admin cannot be used to move data into
another commune. `hocvuso/core/tests/test_admin_doors.py` holds every model's
rule, role by role.

The scope comes from the request (`request.scope`, set by
`hocvuso.accounts.middleware.ScopeMiddleware`), so that this base class, which
every app's admin uses, depends on nothing above the ground floor.
"""

from auditlog import admin as auditlog_admin
from auditlog import get_logentry_model
from auditlog.render import get_field_verbose_name
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .scoping import ScopedQuerySet


def is_officer(request) -> bool:
    """An administrator, or a city or commune officer allowed into the admin."""
    user = request.user
    return user.is_active and user.is_staff and request.scope.is_officer


def writes_in_admin(request) -> bool:
    """An officer whose scope writes: an administrator or a commune officer, not a province's."""
    return is_officer(request) and request.scope.writes


class ReadOnlyAdmin:
    """A mixin for a record kept as a history or a log: read in the admin, never added, changed
    or deleted there (its pages or the program write it)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# An address typed without its scheme is https (as Django 6 will have it).
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class OfficersRead:
    """A mixin for a ModelAdmin: officers come into its pages, and see the objects of its
    queryset (`get_queryset`, in their scope)."""

    def has_module_permission(self, request):
        return is_officer(request)

    def has_view_permission(self, request, obj=None):
        if not is_officer(request):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()


class ScopedChoices:
    """A mixin for a ModelAdmin or an inline: a foreign key offers only the records the
    user's scope sees."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if isinstance(related._default_manager.all(), ScopedQuerySet):
            base = kwargs.get("queryset") or related._default_manager.all()
            kwargs["queryset"] = base.visible_to(request.scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedModelAdmin(OfficersRead, ScopedChoices, admin.ModelAdmin):
    list_per_page = 50
    formfield_overrides = URL_FIELDS_HTTPS
    # Whether the commune's pages delete these records (a visit, a leave, a day off, a
    # draft report). Elsewhere a record is ended or deactivated on its page, and only an
    # administrator deletes it here.
    commune_deletes = False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.scope)

    def has_add_permission(self, request):
        return writes_in_admin(request)

    def _may_edit(self, request, obj):
        if not writes_in_admin(request):
            return False
        if obj is None:
            return True
        return self.model._default_manager.editable_by(request.scope).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not self._may_edit(request, obj):
            return False
        return self.commune_deletes or request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The admin's change view runs in a transaction, so refusing here
        # undoes the save.
        if not self._may_edit(request, obj):
            raise PermissionDenied("Bản ghi nằm ngoài phạm vi của bạn.")


def plain_number(field_name: str, description: str):
    """A column or read-only field showing an identifier as written: 2026, not 2.026.

    The admin formats every whole number with the thousands separator of the `vi`
    formats (right for a count of people), which turns a year, a report's number or an
    id into "2.026".
    """

    @admin.display(description=description, ordering=field_name)
    def show(obj):
        value = getattr(obj, field_name)
        return "" if value is None else str(value)

    show.__name__ = f"{field_name}_plain"
    return show


def _field_label(entry, name: str):
    """The Vietnamese name of a changed field; a reverse relation is named by its records."""
    model = entry.content_type.model_class()
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        field = None
    if field is not None and field.auto_created and field.is_relation and not field.concrete:
        return field.related_model._meta.verbose_name_plural
    return get_field_verbose_name(entry, name)


class PlainValuesFilter(admin.AllValuesFieldListFilter):
    """A list filter over a year or a number, its choices written as 2026 (`plain_number`)."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            yield {**choice, "display": str(choice["display"])}


# django-auditlog's log, in Vietnamese: its few words that are not translatable are said here.
LogEntry = get_logentry_model()
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(auditlog_admin.LogEntryAdmin):
    @admin.display(description=_("User"))
    def user_url(self, obj):
        return super().user_url(obj) if obj.actor else "hệ thống"

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj):
        return super().cid_url(obj)

    @admin.display(description=_("Changes"))
    def msg_short(self, obj):
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        changes = obj.changes_dict
        names = ", ".join(str(_field_label(obj, name)) for name in changes)
        return f"{len(changes)} thay đổi: {Truncator(names).chars(80)}"
