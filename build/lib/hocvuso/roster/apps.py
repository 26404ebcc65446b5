from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "hocvuso.roster"
    label = "roster"
    verbose_name = "Lịch trực"
