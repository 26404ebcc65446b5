from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "hocvuso.units"
    label = "units"
    verbose_name = "Đơn vị hành chính"
