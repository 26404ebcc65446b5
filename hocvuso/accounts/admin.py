from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hocvuso.core.admin import ReadOnlyAdmin

from .models import SignInEvent, User
from .second_factor import reset

# What a user may do follows from their role and unit (accounts/permissions.py), never
# from Django's groups and per-model permissions: the admin offers neither, so nobody
# sets a permission that nothing reads (and no English permission names are shown).
admin.site.unregister(Group)
# The secrets of the second factor are never shown, not even to administrators; they remove
# a lost one with the action "Xóa xác thực hai bước" on the accounts' list.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are managed by administrators only."""

    list_display = ["username", "full_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name"]
    autocomplete_fields = ["unit"]
    actions = ["reset_second_factor"]
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

    @admin.action(description=_("Xóa xác thực hai bước (tài khoản cài lại ứng dụng)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            reset(user, request.user, request)
        self.message_user(
            request,
            f"Đã xóa xác thực hai bước của {len(queryset)} tài khoản.",
            messages.SUCCESS,
        )


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The security log, read by administrators only; nobody adds, changes or deletes a row."""

    list_display = ["at", "kind", "username", "ip_address", "by"]
    list_filter = ["kind"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["by"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)
