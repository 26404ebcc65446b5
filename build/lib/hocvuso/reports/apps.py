from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hocvuso.reports"
    label = "reports"
    verbose_name = "Báo cáo"
