from django.apps import AppConfig


class NationConfig(AppConfig):
    name = "hocvuso.nation"
    label = "nation"
    verbose_name = "Trung ương: Bộ thu nhận và tổng hợp báo cáo các tỉnh, thành phố"

    def ready(self):
        from django.urls import reverse

        from hocvuso.reports.jobs import register_renderer

        from .views import render_answer_pdf, render_nation_report

        # The Ministry's report (PDF, DOCX, XLSX) and a province's answer as PDF, by the worker.
        register_renderer(
            "nation_report",
            render_nation_report,
            back=lambda job: reverse("nation:report", args=[job.object_id]),
        )
        register_renderer(
            "province_report",
            render_answer_pdf,
            back=lambda job: reverse("nation:answer", args=[job.object_id]),
        )
