from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are managed by administrators only."""

    list_display = ["username", "full_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name"]
    autocomplete_fields = ["unit"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Vai trò trong phong trào"), {"fields": ["role", "unit"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Vai trò trong phong trào"), {"fields": ["role", "unit"]}),
    )

    @admin.display(description=_("Họ và tên"), ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()
