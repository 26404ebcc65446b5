from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hocvuso.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        # The receivers of signing in: the security log, the second factor, the idle clock.
        from . import second_factor, signin  # noqa: F401
