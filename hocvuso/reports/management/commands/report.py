from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone

from hocvuso.core.commands import iso_date
from hocvuso.documents.models import parse_number_symbol
from hocvuso.reports.models import Report, ReportRequest
from hocvuso.reports.output import render_report
from hocvuso.reports.render.pdf import LibreOfficeMissing
from hocvuso.reports.services import create_report, issue_report
from hocvuso.units.commands import CommunePeriodCommand


class Command(CommunePeriodCommand):
    help = (
        "Lập báo cáo phong trào Bình dân học vụ số của một xã, phường, đặc khu cho một kỳ "
        "(DOCX, PDF, XLSX)."
    )
    commune_help = "Mã hoặc tên chính xác của xã, phường, đặc khu"
    output_help = "Tệp DOCX sẽ ghi, ví dụ bao-cao.docx"
    output_suffix = ".docx"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--pdf", action="store_true", help="Ghi thêm tệp PDF cùng tên")
        parser.add_argument("--xlsx", action="store_true", help="Ghi thêm phụ lục XLSX cùng tên")
        parser.add_argument("--charts", action="store_true", help="Kèm phụ lục biểu đồ")
        parser.add_argument("--date", type=iso_date, help="Ngày báo cáo (mặc định hôm nay)")
        parser.add_argument(
            "--request",
            help="Số/ký hiệu yêu cầu báo cáo, ví dụ 1885/SKHCN-TTTT "
            "(mặc định: yêu cầu của tỉnh/thành phố có đúng kỳ này, nếu có)",
        )
        parser.add_argument(
            "--issue",
            action="store_true",
            help="Ban hành: cấp số, chốt số liệu và ghi vào sổ báo cáo",
        )

    def handle(self, *args, **options):
        commune, start, end = self.commune_and_period(options)
        request = self.find_request(commune, start, end, options["request"])
        report_date = options["date"] or timezone.localdate()
        if options["issue"]:
            # Issued reports go into the register; a plain run saves nothing.
            report = issue_report(
                create_report(
                    commune, start=start, end=end, request=request, report_date=report_date
                )
            )
        else:
            report = Report(
                commune=commune,
                request=request,
                period_start=start,
                period_end=end,
                report_date=report_date,
            )
        output = self.output_path(options)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(render_report(report, "docx", charts=options["charts"]).content)
        written = [output]
        if options["xlsx"]:
            path = output.with_suffix(".xlsx")
            path.write_bytes(render_report(report, "xlsx").content)
            written.append(path)
        if options["pdf"]:
            path = output.with_suffix(".pdf")
            try:
                path.write_bytes(render_report(report, "pdf", charts=options["charts"]).content)
            except LibreOfficeMissing as error:
                raise CommandError(str(error)) from None
            written.append(path)
        cited = f", trả lời {request}" if request else ""
        number = f" số {report.number}" if report.number else " (dự thảo, chưa cấp số)"
        self.stdout.write(f"Báo cáo{number} của {commune.name}{cited}:")
        for path in written:
            self.stdout.write(f"  {path}")

    def find_request(self, commune, start, end, text):
        requests = ReportRequest.objects.filter(province_id=commune.parent_id)
        if text:
            try:
                parsed = parse_number_symbol(text)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            found = requests.filter(number=parsed.number, symbol=parsed.symbol).first()
            if found is None:
                raise CommandError(f"Không có yêu cầu báo cáo {text} của {commune.parent.name}.")
            return found
        return requests.filter(period_start=start, period_end=end).order_by("-issued_on").first()
