from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hocvuso.support"
    label = "support"
    verbose_name = "Hỗ trợ người dân"

    def ready(self):
        from hocvuso.imports.kinds import ImportKind, register_kind
        from hocvuso.teams.activity import register_source

        from . import figures, imports

        register_source("visits", figures)
        register_kind(ImportKind(imports.SHEET, imports.import_visits, imports.sheet_for))
