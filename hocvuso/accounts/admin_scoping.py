"""Shared catalogues in the admin: officers read them; a province's officer changes its own.

The scoped admin of every commune's records is `hocvuso.core.admin.ScopedModelAdmin`.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from hocvuso.core.admin import URL_FIELDS_HTTPS, is_officer

from .permissions import writes_for_province


class CatalogueAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    """A catalogue every officer reads.

    `province_field` names the province an entry belongs to (a province's own app or
    learning platform, which its officer keeps on its settings page); the national entries
    (no province) and catalogues without the field are the administrator's. `province_deletes`
    says whether the province's page lets its officer delete its entries too.
    """

    province_field: str | None = None
    province_deletes = False

    def has_module_permission(self, request):
        return is_officer(request)

    def has_view_permission(self, request, obj=None):
        return is_officer(request)

    def _province_owns(self, request, obj) -> bool:
        user = request.user
        if not (is_officer(request) and writes_for_province(user) and self.province_field):
            return False
        owner = None if obj is None else getattr(obj, f"{self.province_field}_id")
        return obj is None or (owner is not None and owner == user.unit_id)

    def has_add_permission(self, request):
        return request.user.is_superuser or self._province_owns(request, None)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or self._province_owns(request, obj)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.province_deletes and self._province_owns(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A province's officer files its entries under its own province only.
        if db_field.name == self.province_field and not request.user.is_superuser:
            kwargs["queryset"] = db_field.related_model.objects.filter(pk=request.user.unit_id)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist_instance(self, request):
        # Editing in the list would reach every row shown, the national ones included.
        changelist = super().get_changelist_instance(request)
        if not request.user.is_superuser:
            changelist.list_editable = ()
        return changelist

    def save_model(self, request, obj, form, change):
        if not (request.user.is_superuser or self._province_owns(request, obj)):
            raise PermissionDenied("Bản ghi nằm ngoài phạm vi của bạn.")
        super().save_model(request, obj, form, change)
