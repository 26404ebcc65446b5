from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "hocvuso.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu và chỉ số"
