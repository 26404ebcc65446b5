from django.apps import AppConfig


class CityConfig(AppConfig):
    name = "hocvuso.city"
    label = "city"
    verbose_name = "Thành phố: thu nhận và tổng hợp báo cáo"
