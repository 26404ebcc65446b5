from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "hocvuso.learning"
    label = "learning"
    verbose_name = "Học tập số"
