from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "hocvuso.teams"
    label = "teams"
    verbose_name = "Tổ công nghệ số cộng đồng"

    def ready(self):
        from hocvuso.imports.kinds import ImportKind, register_kind

        from . import imports

        register_kind(ImportKind(imports.SHEET, imports.import_members, imports.sheet_for))
