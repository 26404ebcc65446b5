"""`manage.py report` on the demo commune: the seed report's sibling, its figures the records'."""

import datetime
import re

import pytest
from django.db.models import Count, Sum
from docx import Document as Docx
from openpyxl import load_workbook

from hocvuso.documents.models import Document
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.support.models import SupportVisit
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.units.models import Level, Unit

from .helpers import write_report

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
def report_files(demo, tmp_path_factory, django_db_blocker):
    output = tmp_path_factory.mktemp("report") / "bao-cao.docx"
    with django_db_blocker.unblock():
        return write_report(output, "--xlsx")


@pytest.fixture(scope="module")
def report_text(report_files):
    doc = Docx(str(report_files))
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


# The paragraphs of the seed report that the report once dropped, as the seed writes them
# (the seed's "sổ sức khỏe" is written as the app's name).
SEED_PARAGRAPHS = [
    "Việc chỉ đạo, tuyên truyền được triển khai theo hướng đồng bộ, có trọng tâm, gắn với nhiệm "
    "vụ chuyển đổi số, cải cách hành chính, thực hiện Đề án 06 và nâng cao năng lực số cho người "
    "dân trên địa bàn xã.",
    "Sổ sức khỏe điện tử, ứng dụng Công dân số Smart Hải Phòng và các nền tảng số thiết yếu phục "
    "vụ người dân.",
    "Cài đặt và sử dụng các ứng dụng số cơ bản: Sổ sức khỏe điện tử, ứng dụng Công dân số Smart "
    "Hải Phòng",
    "Tiếp tục duy trì, phát huy hiệu quả mô hình hỗ trợ chuyển đổi số tại Trung tâm Phục vụ hành "
    "chính công xã; bố trí cán bộ hướng dẫn người dân thực hiện các dịch vụ công trực tuyến mức "
    "độ toàn trình và một phần.",
    "Qua đó từng bước hình thành thói quen học tập số, sử dụng dịch vụ số, giao dịch số, góp phần "
    "nâng cao kỹ năng số cho toàn thể người dân trên địa bàn xã.",
    "trên nền tảng: http://binhdanhocvuso.gov.vn, Hệ thống đào tạo kỹ năng số thành phố Hải "
    "Phòng, Cổng đào tạo AI cho cộng đồng http://aicongdong.ptit.edu.vn. Nội dung tập trung vào "
    "nâng cao năng lực số, kỹ năng học tập trên môi trường số, kỹ năng khai thác thông tin, sử "
    "dụng công cụ số và ứng dụng AI trong đổi mới phương pháp dạy học.",
    "Giáo viên được khuyến khích sử dụng công cụ số, trí tuệ nhân tạo phù hợp để thiết kế bài "
    "giảng, xây dựng học liệu, giao nhiệm vụ học tập số và hỗ trợ học sinh tự học. Học sinh được "
    "hướng dẫn sử dụng thiết bị thông minh, Internet, nền tảng học trực tuyến bảo đảm an toàn, "
    "hiệu quả, phù hợp với từng lứa tuổi.",
    "Các tổ công nghệ số cộng đồng trên địa bàn xã tiếp tục duy trì hướng dẫn người dân cài đặt, "
    "sử dụng ứng dụng số, hỗ trợ sử dụng dịch vụ công trực tuyến, hướng dẫn cài đặt Sổ sức khỏe "
    "điện tử, hỗ trợ cài đặt ứng dụng Công dân số Smart Hải Phòng, tuyên truyền phòng chống lừa "
    "đảo công nghệ, hỗ trợ thanh toán không sử dụng tiền mặt",
    "Tổ công nghệ số cộng đồng xã phối hợp với Đoàn thanh niên xã bố trí lịch trực, luân phiên từ "
    "thứ 2 đến thứ 6 trong giờ hành chính tại Trung tâm Dịch vụ sự nghiệp công xã để hướng dẫn "
    "người dân thực hiện các thao tác số cơ bản và thiết yếu, tập trung vào hỗ trợ đăng nhập/ "
    "khôi phục tài khoản, cài đặt và sử dụng các ứng dụng số; hướng dẫn nộp hồ sơ và tra cứu kết "
    "quả trên Cổng dịch vụ công trực tuyến; hướng dẫn thanh toán không sử dụng tiền mặt (quét "
    "QR, chuyển khoản).",
    "Hoạt động của các Tổ công nghệ số đã góp phần quan trọng vào việc triển khai phong trào "
    "“Bình dân học vụ số” theo hướng thiết thực, gần dân, sát dân, phù hợp với yêu cầu chuyển "
    "đổi số ở cấp cơ sở.",
]


@pytest.mark.parametrize("paragraph", SEED_PARAGRAPHS, ids=lambda p: p[:40])
def test_it_carries_the_seed_paragraph(report_text, paragraph):
    body, _ = report_text
    assert paragraph in body


def test_the_duty_roster_sits_where_the_seed_says_with_no_shift_claimed(report_text):
    body, _ = report_text
    assert "tại Trung tâm Dịch vụ sự nghiệp công xã để hướng dẫn người dân" in body
    # The demo's roster starts in June, after the period: no shifts are claimed.
    assert "ca trực với" not in body


def test_the_appendix_speaks_the_officers_words(report_files):
    workbook = load_workbook(report_files.with_suffix(".xlsx"))
    internal = re.compile(r"^[a-z0-9_.]+$")
    labels = [sheet.title for sheet in workbook]
    labels += [cell.value for sheet in workbook for cell in sheet[1]]
    labels += [row[0] for row in workbook["Tổng hợp"].iter_rows(min_row=2, values_only=True)]
    assert [label for label in labels if internal.match(str(label))] == []
    assert "Lượt hỗ trợ theo thôn" in workbook.sheetnames
    assert "Tổ công nghệ số cộng đồng" in workbook.sheetnames
    summary = dict(workbook["Tổng hợp"].iter_rows(min_row=2, values_only=True))
    assert summary["Số thôn có nhóm Zalo"] == 20
    assert summary["Người học trực tuyến: cán bộ, công chức, viên chức"] > 0
    documents = [c.value for c in workbook["Văn bản"][1]]
    assert "Cơ quan ban hành" in documents and "Ban hành trong kỳ báo cáo" in documents
