from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hocvuso.support"
    label = "support"
    verbose_name = "Hỗ trợ người dân"
