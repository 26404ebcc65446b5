from django.apps import AppConfig


class CityConfig(AppConfig):
    name = "hocvuso.city"
    label = "city"
    verbose_name = "Thành phố: thu nhận và tổng hợp báo cáo"

    def ready(self):
        from django.urls import reverse

        from hocvuso.reports.jobs import register_renderer
        from hocvuso.reports.services import SNAPSHOT_BUILDERS
        from hocvuso.units.models import Level

        # The commune's side of the requests: panels on the report pages.
        from . import commune_side  # noqa: F401

        # A province's report to the Ministry is issued as a commune's is, its snapshot added
        # up from its communes' accepted reports.
        from .render import province_report_snapshot

        SNAPSHOT_BUILDERS[Level.PROVINCE] = province_report_snapshot

        # Its PDFs, made by the worker as the commune's are.
        from .views import render_city_report, render_submission_pdf

        register_renderer(
            "submission",
            render_submission_pdf,
            back=lambda job: reverse("city:submission", args=[job.object_id]),
        )
        register_renderer(
            "city_report",
            render_city_report,
            back=lambda job: reverse("city:city_report", args=[job.object_id]),
        )
