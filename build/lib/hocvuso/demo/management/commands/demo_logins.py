from django.core.management.base import BaseCommand

from hocvuso.accounts.models import User
from hocvuso.demo.logins import DEMO_LOGINS, PASSWORD

HEADERS = ("Tài khoản", "Mật khẩu", "Vai trò", "Thấy gì")


class Command(BaseCommand):
    help = "In địa chỉ và các tài khoản đăng nhập của dữ liệu mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Địa chỉ trang web.")

    def handle(self, *args, **options):
        existing = set(
            User.objects.filter(username__in=[login.username for login in DEMO_LOGINS]).values_list(
                "username", flat=True
            )
        )
        rows = [HEADERS] + [
            (login.username, PASSWORD, login.title, login.sees) for login in DEMO_LOGINS
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS) - 1)]
        self.stdout.write(f"\nMở {options['url']} và đăng nhập bằng một tài khoản mẫu:\n\n")
        for number, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  " + "  ".join([*cells, row[-1]]))
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in [*widths, len(row[-1])]))
        missing = [login.username for login in DEMO_LOGINS if login.username not in existing]
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"\nChưa có tài khoản {', '.join(missing)}: hãy chạy manage.py load_demo."
                )
            )
        self.stdout.write(
            "\nĐây là dữ liệu và mật khẩu mẫu để thử phần mềm; không dùng cho dữ liệu thật.\n"
        )
