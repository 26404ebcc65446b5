from django.apps import AppConfig


class NationConfig(AppConfig):
    name = "hocvuso.nation"
    label = "nation"
    verbose_name = "Trung ương: Bộ thu nhận và tổng hợp báo cáo các tỉnh, thành phố"

    def ready(self):
        from django.urls import reverse

        from hocvuso.reports.jobs import register_renderer

        from .views import render_answer_pdf, render_nation_report_pdf

        # The Ministry's report and a province's answer as PDF, made by the worker.
        register_renderer(
            "nation_report",
            render_nation_report_pdf,
            back=lambda job: reverse("nation:report", args=[job.object_id]),
        )
        register_renderer(
            "province_report",
            render_answer_pdf,
            back=lambda job: reverse("nation:answer", args=[job.object_id]),
        )
