from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "hocvuso.teams"
    label = "teams"
    verbose_name = "Tổ công nghệ số cộng đồng"
