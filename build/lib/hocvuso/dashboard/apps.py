from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "hocvuso.dashboard"
    label = "dashboard"
    verbose_name = "Tổng quan"
