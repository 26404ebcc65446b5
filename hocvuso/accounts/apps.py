from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    # The app's own config, though this module holds another (AxesConfig below).
    default = True
    name = "hocvuso.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        # The receivers of signing in: the security log, the second factor, the idle clock.
        from hocvuso.core.management.commands.purge_audit_log import (
            keep_as_long_as_the_audit_trail,
        )

        from . import second_factor, signin  # noqa: F401
        from .models import SignInEvent

        keep_as_long_as_the_audit_trail(SignInEvent, "at")


class AxesConfig(AxesAppConfig):
    """django-axes, named in Vietnamese on the admin's index."""

    default = False
    verbose_name = "Khóa đăng nhập tạm thời"
