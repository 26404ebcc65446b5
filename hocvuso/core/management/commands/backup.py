from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hocvuso.core.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và các tệp tải lên (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) vào một tệp "
        "hocvuso-backup-<ngày giờ>.tar.gz kèm bản kê manifest.json (docs/backup.md). "
        "EXPORT_ROOT không được sao lưu: các tệp xuất Excel được tạo lại khi cần."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=".", help="Thư mục ghi bản sao lưu (mặc định: thư mục hiện tại)"
        )

    def handle(self, *args, **options):
        try:
            archive = backup(Path(options["output"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(archive))
