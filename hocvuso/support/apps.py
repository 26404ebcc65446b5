from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hocvuso.support"
    label = "support"
    verbose_name = "Hỗ trợ người dân"

    def ready(self):
        from hocvuso.teams.activity import register_source

        from . import figures

        register_source("visits", figures)
