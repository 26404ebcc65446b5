from django.core.management.base import BaseCommand, CommandError

from hocvuso.units.official import load_official_units


class Command(BaseCommand):
    help = "Nạp danh mục tỉnh/thành phố và xã/phường/đặc khu chính thức (sau sắp xếp 2025)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            type=int,
            action="append",
            help="Chỉ nạp tỉnh/thành phố có mã này (có thể lặp lại), ví dụ --province 31.",
        )

    def handle(self, *args, **options):
        codes = set(options["province"]) if options["province"] else None
        try:
            counts = load_official_units(codes)
        except KeyError as error:
            raise CommandError(f"Mã tỉnh không có trong danh mục: {error}") from None
        self.stdout.write(
            f"Đã cập nhật {counts['provinces']} tỉnh/thành phố, {counts['communes']} xã/phường/đặc khu."
        )
