import time

from django.core.management.base import BaseCommand

from hocvuso.demo.builder import load_demo
from hocvuso.demo.city import describe_city, load_city
from hocvuso.demo.summary import describe


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu xã Chí Minh (Thành phố Hải Phòng) theo báo cáo của xã. "
        "Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--city",
            action="store_true",
            help="Thêm cả thành phố: mọi xã, phường của Hải Phòng, số liệu sinh ngẫu nhiên cho "
            "một phần các xã và báo cáo gửi theo Công văn 1885/SKHCN-TTTT.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        demo = load_demo()
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu trong {elapsed:.1f} giây."))
        for line in describe(demo.commune):
            self.stdout.write(f"- {line}")
        if demo.new_visits:
            self.stdout.write(f"  (lần này tạo mới {demo.new_visits} lần ghi hỗ trợ)")
        if options["city"]:
            started = time.monotonic()
            city = load_city(demo)
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Đã nạp thành phố mẫu trong {elapsed:.1f} giây."))
            for line in describe_city(city):
                self.stdout.write(f"- {line}")
