from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "hocvuso.overview"
    label = "overview"
    verbose_name = "Tổng quan phong trào"
