from django.apps import AppConfig


class CityConfig(AppConfig):
    name = "hocvuso.city"
    label = "city"
    verbose_name = "Thành phố: thu nhận và tổng hợp báo cáo"

    def ready(self):
        # The commune's side of the requests: panels on the report pages.
        from . import commune_side  # noqa: F401
