from django.contrib import admin
from django.utils.html import format_html_join

from hocvuso.core.admin import ReadOnlyAdmin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The files the worker imported or refused, with their errors, read by administrators
    only (a failure's traceback is in the background tasks' results)."""

    list_display = ["created_at", "kind", "filename", "user", "status", "rows_total", "error"]
    list_filter = ["kind", "status"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    search_fields = ["filename", "user__username"]
    fields = [
        "user",
        "kind",
        "filename",
        "status",
        "rows_total",
        "rows_checked",
        "rows_saved",
        "created",
        "error",
        "error_count",
        "row_errors",
        "links_handed_at",
        "created_at",
        "finished_at",
    ]
    readonly_fields = fields

    @admin.display(description="Lỗi từng dòng")
    def row_errors(self, job):
        return format_html_join("\n", "<div>{}</div>", ((error,) for error in job.errors))

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)
