"""Shared catalogues in the admin: officers read them, the city and administrators edit them.

The scoped admin of every commune's records is `hocvuso.core.admin.ScopedModelAdmin`.
"""

from django.contrib import admin

from hocvuso.core.admin import is_officer

from .models import UserRole


class CatalogueAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return is_officer(request)

    def has_view_permission(self, request, obj=None):
        return is_officer(request)

    def _may_edit(self, request):
        user = request.user
        return is_officer(request) and (user.is_superuser or user.role == UserRole.CITY_OFFICER)

    def has_add_permission(self, request):
        return self._may_edit(request)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
