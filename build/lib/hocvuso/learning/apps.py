from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "hocvuso.learning"
    label = "learning"
    verbose_name = "Học tập số"

    def ready(self):
        from hocvuso.teams.activity import register_source

        from . import figures

        register_source("classes", figures.team_counts)
