import os
import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from hocvuso.core.formatting import vn_number
from hocvuso.demo.builder import load_demo
from hocvuso.demo.city import describe_city, load_city
from hocvuso.demo.nation import load_nation
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
        parser.add_argument(
            "--nation",
            action="store_true",
            help="Nạp dữ liệu mẫu cả nước: 34 tỉnh, thành phố, 3.321 xã, phường, đặc khu, thôn, "
            "tổ, thành viên, một năm lượt hỗ trợ (50 triệu ở tỷ lệ 1) và báo cáo 6 tháng; "
            "không nạp xã Chí Minh.",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Với --nation: tỷ lệ số lượt hỗ trợ, hoạt động, lớp học (0.1 là 5 triệu lượt).",
        )
        parser.add_argument(
            "--provinces",
            default="",
            help="Với --nation: chỉ các tỉnh có mã này, cách nhau bằng dấu phẩy (ví dụ 11,12).",
        )

    def handle(self, *args, **options):
        if options["nation"]:
            return self.load_nation(options)
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

    def load_nation(self, options):
        try:
            codes = {int(code) for code in options["provinces"].split(",") if code.strip()}
        except ValueError:
            raise CommandError("--provinces: hãy ghi các mã tỉnh bằng số, ví dụ 11,12.") from None

        def report(phase):
            self.stdout.write(
                f"  {phase.name:<26} {phase.seconds:7.1f} giây (CPU {phase.cpu:6.1f})"
                f"  {vn_number(phase.rows):>12} dòng"
                f"  {vn_number(round(phase.rate)):>10} dòng/giây  (tải máy {os.getloadavg()[0]:.1f})"
            )

        started = time.monotonic()
        try:
            nation = load_nation(options["scale"], codes or None, report=report)
        except (ImproperlyConfigured, ValueError) as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp dữ liệu mẫu cả nước trong {elapsed:.1f} giây.")
        )
        self.stdout.write(
            f"- {nation.provinces} tỉnh, thành phố; {vn_number(nation.communes)} xã, phường, "
            f"đặc khu; lần này sinh số liệu cho {vn_number(nation.built)} đơn vị."
        )
        if nation.rows:
            self.stdout.write(
                "- " + "; ".join(f"{name} {vn_number(n)}" for name, n in nation.rows.items()) + "."
            )
