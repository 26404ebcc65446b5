"""`manage.py report` on the demo commune: the seed report's sibling, its figures the records'."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum
from docx import Document as Docx

from hocvuso.documents.models import Document
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.support.models import SupportVisit
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.units.models import Level, Unit

pytestmark = pytest.mark.django_db

SEED_HEADINGS = [
    "1. Kết quả tổ chức truyền thông, tuyên truyền, triển khai phong trào “Bình dân học vụ số”",
    "2. Kết quả tổ chức các hoạt động do đơn vị chủ động triển khai phong trào “Bình dân học vụ "
    "số” tại địa phương",
    "3. Kết quả triển khai các hoạt động trải nghiệm, hướng dẫn sử dụng nền tảng số, lớp học số",
    "4. Kết quả triển khai các mô hình, phong trào lan tỏa kỹ năng số cộng đồng",
    "5. Kết quả hoạt động của Tổ công nghệ số cộng đồng",
]


@pytest.fixture(scope="module")
def report_text(demo, tmp_path_factory, django_db_blocker):
    output = tmp_path_factory.mktemp("report") / "bao-cao.docx"
    with django_db_blocker.unblock():
        call_command(
            "report",
            "--commune",
            "Chí Minh",
            "--from",
            "2026-01-01",
            "--to",
            "2026-05-31",
            "--output",
            str(output),
            "--date",
            "2026-06-05",
        )
    doc = Docx(str(output))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for c in t._cells)
    return body, cells


def number(text: str) -> int:
    return int(text.replace(".", ""))


def chi_minh():
    return Unit.objects.get(level=Level.COMMUNE, code="11131")


def test_it_has_the_seed_reports_sections_in_order(report_text):
    body, _ = report_text
    positions = [body.index(heading) for heading in SEED_HEADINGS]
    assert positions == sorted(positions)


def test_it_opens_by_citing_the_citys_request_as_the_seed_does(report_text):
    body, _ = report_text
    assert (
        "Thực hiện Công văn số 1885/SKHCN-TTTT ngày 15/5/2026 của Sở Khoa học và Công nghệ "
        "thành phố Hải Phòng về việc báo cáo kết quả triển khai phong trào “Bình dân học vụ số”, "
        "UBND xã Chí Minh báo cáo kết quả thực hiện, cụ thể:"
    ) in body


def test_it_lists_the_four_documents_as_the_seed_does(report_text):
    body, _ = report_text
    for line in (
        "- Kế hoạch số 41/KH-UBND ngày 19/8/2025 về việc triển khai thực hiện phong trào",
        "- Công văn số 444/UBND-VHXH ngày 06/10/2025 về việc tổ chức triển khai đồng bộ",
        "- Công văn số 508/UBND-VHXH ngày 14/10/2025 về việc hướng dẫn tham gia Cuộc thi",
        "- Công văn số 907/UBND-VHXH ngày 14/5/2026 về việc triển khai cài đặt và sử dụng",
    ):
        assert line in body
    assert Document.objects.filter(commune=chi_minh()).count() == 4


def test_the_number_of_people_helped_is_the_records(report_text):
    body, _ = report_text
    people = SupportVisit.objects.filter(
        commune=chi_minh(),
        occurred_at__date__gte=datetime.date(2026, 1, 1),
        occurred_at__date__lte=datetime.date(2026, 5, 31),
    ).aggregate(n=Sum("people"))["n"]
    assert people > 1500
    said = re.search(r"đã trực tiếp hỗ trợ trên ([\d.]+) lượt công dân", body)
    assert said, body
    floor = number(said.group(1))
    assert floor == people // 100 * 100 < people  # "trên 1.600" for 1.699


def test_the_visits_by_place_add_up_to_the_total(report_text):
    body, _ = report_text
    sentence = re.search(r"trong đó: (.*?)\.\n", body).group(1)
    by_place = [number(n) for n in re.findall(r"([\d.]+) lượt", sentence)]
    total = SupportVisit.objects.filter(commune=chi_minh()).aggregate(n=Sum("people"))["n"]
    assert sum(by_place) == total


def test_the_indicators_are_written_the_seed_way(report_text):
    body, _ = report_text
    assert "100% các trường học trên địa bàn thực hiện thanh toán không dùng tiền mặt" in body
    assert "khoảng trên 70% hộ kinh doanh sử dụng mã QR hoặc chuyển khoản" in body
    assert "100% các đối tượng người có công và bảo trợ xã hội" in body


def test_the_teams_are_counted_as_the_seed_counts_them(report_text):
    body, _ = report_text
    levels = dict(
        Team.objects.filter(commune=chi_minh()).values_list("level").annotate(n=Count("pk"))
    )
    assert levels == {TeamLevel.COMMUNE: 1, TeamLevel.VILLAGE: 20, TeamLevel.RAPID_RESPONSE: 1}
    assert (
        "trên địa bàn xã có 01 tổ công nghệ số cộng đồng cấp xã và 20 tổ công nghệ số cộng "
        "đồng cấp thôn, 01 đội hỗ trợ chuyển đổi số phản ứng nhanh" in body
    )


def test_the_zalo_groups_and_loudspeaker_broadcasts_are_the_records(report_text):
    body, _ = report_text
    zalo = ZaloGroup.objects.filter(commune=chi_minh()).aggregate(
        n=Count("village", distinct=True), members=Sum("member_count")
    )
    assert f"nhóm Zalo tổ công nghệ số cộng đồng tại {zalo['n']} thôn" in body
    loudspeaker = OutreachActivity.objects.filter(
        commune=chi_minh(),
        channel="loudspeaker",
        held_on__gte=datetime.date(2026, 1, 1),
        held_on__lte=datetime.date(2026, 5, 31),
    ).aggregate(n=Sum("times"))["n"]
    assert f"hệ thống loa phát thanh cơ sở ({loudspeaker} lượt phát)" in body


def test_it_closes_with_the_recipients_and_the_signature_of_the_seed(report_text):
    body, cells = report_text
    assert "để Sở Khoa học và Công nghệ thành phố được biết./." in body
    for line in (
        "Nơi nhận:",
        "- Sở KH&CN thành phố;",
        "- TT ĐU xã; TT HĐND xã;",
        "- Lãnh đạo UBND xã;",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Phạm Anh Tuấn",
    ):
        assert line in cells
    assert "Chí Minh, ngày 05 tháng 6 năm 2026" in cells
