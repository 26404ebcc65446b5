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
        from . import second_factor, signin  # noqa: F401


class AxesConfig(AxesAppConfig):
    """django-axes, named in Vietnamese on the admin's index."""

    default = False
    verbose_name = "Khóa đăng nhập tạm thời"
