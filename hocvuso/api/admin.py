from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .services import issue_token, revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Each user sees and revokes their own tokens; administrators see everyone's."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    actions = ["revoke"]

    def get_queryset(self, request):
        tokens = super().get_queryset(request).select_related("user")
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name"] if request.user.is_superuser else ["name"]
        return ["user", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "name", *self.readonly_fields] if obj else []

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or request.user.is_superuser or obj.user_id == request.user.pk
        )

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        # A token never changes; it is only revoked, through the action.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        owner = obj.user if request.user.is_superuser and obj.user_id else request.user
        token, secret = issue_token(owner, obj.name)
        # The admin's add view goes on with `obj`: let it point at the token issued.
        obj.pk, obj.user, obj.prefix = token.pk, token.user, token.prefix
        obj._state.adding = False
        messages.warning(
            request,
            _("Mã truy cập “%(name)s”: %(secret)s — hãy chép lại ngay, mã này chỉ hiện một lần.")
            % {"name": token.name, "secret": secret},
        )

    @admin.action(description=_("Thu hồi các mã truy cập đã chọn"))
    def revoke(self, request, queryset):
        for token in queryset:
            revoke_token(token, request.user)
        self.message_user(request, _("Đã thu hồi %(count)d mã.") % {"count": len(queryset)})
