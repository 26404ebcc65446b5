"""Print the personal data inventory, the table of docs/personal-data.md."""

from django.core.management.base import BaseCommand

from hocvuso.core.personal_data import inventory_markdown


class Command(BaseCommand):
    help = "In bảng kê dữ liệu cá nhân (docs/personal-data.md)."

    def handle(self, *args, **options):
        self.stdout.write(inventory_markdown(), ending="")
