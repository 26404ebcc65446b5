from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format

from hocvuso.core.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Phục hồi một bản sao lưu của `backup` vào cơ sở dữ liệu trống của DATABASE_URL và các "
        "thư mục tệp trống, rồi kiểm tra: toàn vẹn (SQLite), migration, số dòng từng bảng."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp hocvuso-backup-….tar.gz")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"Không có tệp {archive}.")
        try:
            done = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = number_format(sum(done.counts.values()), force_grouping=True)
        self.stdout.write(
            f"Đã phục hồi bản sao lưu lúc {done.manifest['created_at']}: "
            f"{len(done.counts)} bảng, {rows} dòng, {done.files} tệp. "
            "Kiểm tra: toàn vẹn, migration, số dòng — đạt."
        )
