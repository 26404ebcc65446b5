from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import User

# What a user may do follows from their role and unit (accounts/permissions.py), never
# from Django's groups and per-model permissions: the admin offers neither, so nobody
# sets a permission that nothing reads (and no English permission names are shown).
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are managed by administrators only."""

    list_display = ["username", "full_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("first_name", "last_name", "email", "phone")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Ngày quan trọng"), {"fields": ("last_login", "date_joined")}),
        (_("Vai trò trong phong trào"), {"fields": ["role", "unit"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Vai trò trong phong trào"), {"fields": ["role", "unit"]}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "is_staff":
            field.label = _("Vào trang quản trị")
            field.help_text = _("Cán bộ xã, phường và tỉnh, thành phố vào trang quản trị.")
        return field

    @admin.display(description=_("Họ và tên"), ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()
