from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hocvuso.reports"
    label = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from django.urls import reverse

        from .jobs import register_renderer
        from .output import render_report_job

        register_renderer(
            "report",
            render_report_job,
            back=lambda job: reverse("reports:detail", args=[job.object_id]),
        )
