import time

from django.core.management.base import BaseCommand

from hocvuso.demo.builder import load_demo
from hocvuso.demo.summary import describe


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu xã Chí Minh (Thành phố Hải Phòng) theo báo cáo của xã. "
        "Chạy lại nhiều lần không tạo bản ghi trùng."
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
