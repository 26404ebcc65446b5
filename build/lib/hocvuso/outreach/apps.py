from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "hocvuso.outreach"
    label = "outreach"
    verbose_name = "Tuyên truyền"

    def ready(self):
        from hocvuso.teams.activity import register_source

        from . import figures

        register_source("activities", figures.team_counts)
