"""The admin sees data through the same scope as every page.

Officers (city and commune) use the admin with their role, not with Django's
per-model permissions: they see, add and change the records of their
communes, and nothing else. Foreign-key choices are limited to what the user
may see, and a save that would put a record outside the user's scope is
refused, so the admin cannot be used to move data into another commune.

The scope comes from the request (`request.scope`, set by
`hocvuso.accounts.middleware.ScopeMiddleware`), so that this base class, which
every app's admin uses, depends on nothing above the ground floor.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from .scoping import ScopedQuerySet


def is_officer(request) -> bool:
    """An administrator, or a city or commune officer allowed into the admin."""
    user = request.user
    return user.is_active and user.is_staff and request.scope.is_officer


class ScopedModelAdmin(admin.ModelAdmin):
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.scope)

    def has_module_permission(self, request):
        return is_officer(request)

    def has_view_permission(self, request, obj=None):
        return is_officer(request)

    def has_add_permission(self, request):
        return is_officer(request)

    def _may_edit(self, request, obj):
        if not is_officer(request):
            return False
        if obj is None:
            return True
        return self.model._default_manager.editable_by(request.scope).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if isinstance(related._default_manager.all(), ScopedQuerySet):
            base = kwargs.get("queryset") or related._default_manager.all()
            kwargs["queryset"] = base.visible_to(request.scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The admin's change view runs in a transaction, so refusing here
        # undoes the save.
        if not self._may_edit(request, obj):
            raise PermissionDenied("Bản ghi nằm ngoài phạm vi của bạn.")
