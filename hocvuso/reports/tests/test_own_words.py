"""Every commune's report speaks its own words, and says only what its records show.

One world for the module: a tỉnh (Điện Biên) and a centrally-run city (Cần Thơ), each with a
xã, a phường and an đặc khu of every kind of village (thôn; tổ dân phố; bản and xóm; ấp; khu
phố) and the records that make every sentence of the report appear; Hải Phòng with its own
platform and app, which no other province's report may name. Each report is rendered once,
to its snapshot's text, its DOCX and its XLSX appendix.
"""

import datetime
import io
import re
from dataclasses import dataclass

import pytest
from auditlog.context import disable_auditlog
from django.db import transaction
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook

from hocvuso.documents.models import Document, DocumentKind
from hocvuso.indicators.models import Indicator, IndicatorValue
from hocvuso.learning.models import CourseParticipation, DigitalClass, LearnerGroup, Platform
from hocvuso.outreach.models import Channel, OutreachActivity, ZaloGroup
from hocvuso.reports.render.docx import render_docx
from hocvuso.reports.render.xlsx import render_xlsx
from hocvuso.reports.services import create_report
from hocvuso.reports.snapshot import build_snapshot
from hocvuso.roster.models import Assignment, DutyPlace, OpeningHours, PlaceKind, Shift
from hocvuso.support.models import Place, Service, SupportVisit
from hocvuso.teams.models import Affiliation, Member, Membership, Role, Team, TeamLevel
from hocvuso.testing import make_commune_of_kinds
from hocvuso.units.models import Kind, Level, Unit, UnitSettings
from hocvuso.units.words import CommuneWords, kind_word

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 5, 31)
REPORT_DATE = datetime.date(2026, 6, 5)
WHEN = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))

PROVINCES = {
    "tinh": (Kind.TINH, "Tỉnh Điện Biên", "Điện Biên", "11"),
    "thanh_pho": (Kind.THANH_PHO, "Thành phố Cần Thơ", "Cần Thơ", "92"),
}
COMMUNE_KINDS = [Kind.XA, Kind.PHUONG, Kind.DAC_KHU]
VILLAGE_MIXES = {
    "thon": [Kind.THON, Kind.THON],
    "to_dan_pho": [Kind.TO_DAN_PHO, Kind.TO_DAN_PHO],
    "ban_xom": [Kind.BAN, Kind.BAN, Kind.XOM],
    "ap": [Kind.AP, Kind.AP],
    "khu_pho": [Kind.KHU_PHO, Kind.KHU_PHO],
}
pytestmark = pytest.mark.django_db

CASES = [
    (province, commune_kind, mix)
    for province in PROVINCES
    for commune_kind in COMMUNE_KINDS
    for mix in VILLAGE_MIXES
]
# The province's own app, named only in its communes' reports.
CITY_APP = "ứng dụng Cần Thơ số"


@dataclass
class Rendered:
    words: CommuneWords
    snapshot: dict
    text: str  # the snapshot's sentences
    docx: str
    xlsx: str
    sheets: list[list[tuple]]  # each sheet's rows, the title first

    @property
    def everything(self) -> str:
        return "\n".join([self.text, self.docx, self.xlsx])


def snapshot_text(snapshot: dict) -> str:
    parts = [snapshot["opening"], *snapshot["subject_lines"], *snapshot["closing"]]
    parts += snapshot["recipients"] + snapshot["header"]["agency"]
    for section in snapshot["sections"]:
        parts += [section["heading"], *section["paragraphs"]]
    return "\n".join(parts)


def paragraphs_text(snapshot: dict) -> str:
    """The sections' sentences without their headings (a heading names "lớp học số")."""
    return "\n".join(p for s in snapshot["sections"] for p in s["paragraphs"])


def render(commune: Unit) -> Rendered:
    report = create_report(commune, start=START, end=END, report_date=REPORT_DATE)
    snapshot = build_snapshot(report)
    doc = Docx(io.BytesIO(render_docx(snapshot)))
    docx = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for c in t._cells]
    )
    workbook = load_workbook(io.BytesIO(render_xlsx(snapshot)))
    sheets = [[(sheet.title,), *sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets]
    xlsx = "\n".join(str(v) for rows in sheets for row in rows for v in row if v is not None)
    return Rendered(CommuneWords.of(commune), snapshot, snapshot_text(snapshot), docx, xlsx, sheets)


def make_province(key: str) -> Unit:
    kind, name, short_name, code = PROVINCES[key]
    return Unit.objects.create(
        level=Level.PROVINCE, kind=kind, code=code, name=name, short_name=short_name
    )


def make_commune(province: Unit, code: str, kind: str, villages: list[str]) -> Unit:
    return make_commune_of_kinds(province, code, kind, f"Hòa Lạc {code[-2:]}", villages)


def fill(commune: Unit, *, youth=True, zalo=True, classes=True, indicators=True, roster=True):
    """Records that make every sentence of the report appear, unless told otherwise."""
    words = CommuneWords.of(commune)
    villages = list(commune.children.order_by("code"))
    commune_team = Team.objects.create(
        name=f"Tổ công nghệ số cộng đồng {words.phrase}", level=TeamLevel.COMMUNE, unit=commune
    )
    services = {s.code: s for s in Service.objects.all()}
    platform = Platform.objects.get(code="binhdanhocvuso")
    for village in villages:
        team = Team.objects.create(
            name=f"Tổ công nghệ số {village.name}", level=TeamLevel.VILLAGE, unit=village
        )
        leader = Member.objects.create(
            full_name=f"Lò Văn Trưởng {village.code}",
            commune=commune,
            affiliation=Affiliation.YOUTH_UNION if youth else Affiliation.VOLUNTEER,
        )
        Membership.objects.create(team=team, member=leader, role=Role.LEADER)
        Membership.objects.create(team=commune_team, member=leader, role=Role.MEMBER)
        for place, codes in (
            (Place.SERVICE_CENTRE, ["dvc-filing", "login-recovery"]),
            (Place.CULTURAL_HOUSE, ["health-book", "qr-payment"]),
        ):
            visit = SupportVisit.objects.create(
                commune=commune,
                village=village,
                team=team,
                member=leader,
                occurred_at=WHEN,
                place=place,
                people=3,
                elderly=True,
            )
            visit.services.set([services[c] for c in codes])
        for channel in (Channel.PORTAL, Channel.SOCIAL_MEDIA, Channel.VILLAGE_MEETING):
            OutreachActivity.objects.create(
                commune=commune,
                village=village,
                team=team,
                member=leader,
                held_on=WHEN.date(),
                channel=channel,
                title="Tuyên truyền về phong trào",
                reach=40,
            )
        if zalo:
            ZaloGroup.objects.create(
                village=village, team=team, name=f"Zalo {village.name}", member_count=30
            )
        if classes:
            DigitalClass.objects.create(
                commune=commune,
                village=village,
                team=team,
                member=leader,
                held_on=WHEN.date(),
                topic="Sử dụng điện thoại thông minh",
                citizens=12,
            )
    OutreachActivity.objects.create(
        commune=commune,
        held_on=WHEN.date(),
        channel=Channel.LOUDSPEAKER,
        title="Phát thanh về phong trào",
    )
    Document.objects.create(
        commune=commune,
        kind=DocumentKind.PLAN,
        number=12,
        symbol="KH-UBND",
        issuer=words.authority,
        issued_on=datetime.date(2025, 9, 1),
        summary=f"về việc triển khai phong trào “Bình dân học vụ số” {words.area}",
    )
    CourseParticipation.objects.create(
        commune=commune,
        platform=platform,
        group=LearnerGroup.CITIZENS,
        period_start=START,
        period_end=END,
        participants=80,
    )
    if indicators:
        for code, numerator, denominator in (
            ("village-wifi", len(villages) - 1, len(villages)),
            ("schools-cashless", 3, 3),
            ("schools-digital-learning", 3, 3),
        ):
            IndicatorValue.objects.create(
                indicator=Indicator.objects.get(code=code),
                commune=commune,
                period_start=START,
                period_end=END,
                numerator=numerator,
                denominator=denominator,
            )
    if roster:
        place = DutyPlace.objects.create(
            commune=commune, kind=PlaceKind.SERVICE_CENTRE, name=words.service_centre
        )
        place.add_default_hours()
    return commune


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    """Every case's report, rendered once; the records are rolled back at the module's end."""
    # The audit trail of these records is not what the module tests; without it they are
    # written twice as fast.
    with django_db_blocker.unblock(), transaction.atomic(), disable_auditlog():
        haiphong = Unit.objects.create(
            level=Level.PROVINCE,
            kind=Kind.THANH_PHO,
            code="31",
            name="Thành phố Hải Phòng",
            short_name="Hải Phòng",
        )
        Platform.objects.create(
            code="haiphong-skills-test",
            name="Hệ thống đào tạo kỹ năng số thành phố Hải Phòng",
            province=haiphong,
        )
        Service.objects.update_or_create(
            code="smart-haiphong",
            defaults={
                "name": "Cài đặt, sử dụng ứng dụng Công dân số Smart Hải Phòng",
                "short_name": "Smart Hải Phòng",
                "province": haiphong,
            },
        )
        UnitSettings.objects.create(
            unit=haiphong, local_apps="ứng dụng Công dân số Smart Hải Phòng"
        )
        provinces = {key: make_province(key) for key in PROVINCES}
        # The city's own platform and app; the tỉnh has neither.
        Platform.objects.create(
            code="cantho-skills",
            name="Hệ thống học tập số thành phố Cần Thơ",
            province=provinces["thanh_pho"],
        )
        UnitSettings.objects.create(unit=provinces["thanh_pho"], local_apps=CITY_APP)
        rendered = {}
        for number, (province, commune_kind, mix) in enumerate(CASES, 10):
            code = f"{PROVINCES[province][3]}{number:03d}"
            commune = make_commune(provinces[province], code, commune_kind, VILLAGE_MIXES[mix])
            rendered[(province, commune_kind, mix)] = render(fill(commune))
        province = provinces["tinh"]
        bare = make_commune(province, "11900", Kind.XA, [Kind.BAN, Kind.BAN])
        fill(bare, youth=False, zalo=False, classes=False, indicators=False, roster=False)
        # A visit on record without its village.
        SupportVisit.objects.create(
            commune=bare, occurred_at=WHEN, place=Place.HOME, people=1
        ).services.set([Service.objects.get(code="dvc-lookup")])
        rendered["bare"] = render(bare)
        rendered["empty"] = render(make_commune(province, "11901", Kind.PHUONG, []))
        odd = fill(make_commune(province, "11902", Kind.XA, [Kind.THON]), youth=False)
        place = DutyPlace.objects.get(commune=odd)
        place.hours.all().delete()
        for weekday in (1, 3, 5):
            OpeningHours.objects.create(
                place=place,
                weekday=weekday,
                starts=datetime.time(7, 30),
                ends=datetime.time(11, 30),
            )
        shift = Shift.objects.create(
            place=place,
            starts_at=WHEN,
            ends_at=WHEN + datetime.timedelta(hours=4),
        )
        Assignment.objects.create(
            shift=shift, member=Member.objects.filter(commune=odd).first(), checked_in_at=WHEN
        )
        rendered["odd_days"] = render(odd)
        yield rendered
        transaction.set_rollback(True)


def case_id(case) -> str:
    province, commune_kind, mix = case
    return f"{province}-{commune_kind}-{mix}"


# Words of other units: each found by itself, not inside another word ("thông", "cấp",
# "xã hội", "văn bản").
WORD_PATTERNS = {
    "xã": r"\bxã\b(?! hội)",
    "phường": r"\bphường\b",
    "đặc khu": r"\bđặc khu\b",
    "thôn": r"\bthôn\b",
    "tổ dân phố": r"\btổ dân phố\b",
    "bản": r"(?<!văn )(?<!cơ )\bbản\b",
    "xóm": r"\bxóm\b",
    "ấp": r"\bấp\b",
    "khu phố": r"\bkhu phố\b",
    "tỉnh": r"\btỉnh\b",
    "thành phố": r"\bthành phố\b",
}


def found(pattern: str, text: str) -> list[str]:
    return [
        text[max(0, m.start() - 40) : m.end() + 40]
        for m in re.finditer(pattern, text, flags=re.IGNORECASE)
    ]


def foreign_words(province: str, commune_kind: str, mix: str) -> list[str]:
    own = {kind_word(commune_kind), PROVINCES[province][0] and kind_word(PROVINCES[province][0])}
    own |= {kind_word(k) for k in VILLAGE_MIXES[mix]}
    return [word for word in WORD_PATTERNS if word not in own]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_it_says_none_of_another_units_words(reports, case):
    rendered = reports[case]
    for word in foreign_words(*case):
        assert not found(WORD_PATTERNS[word], rendered.everything), (word, case)
    other = "Cần Thơ" if case[0] == "tinh" else "Điện Biên"
    for place in ("Hải Phòng", "Chí Minh", "Hà Nội", other):
        assert place not in rendered.everything, (place, case)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_it_names_the_commune_its_villages_and_its_province_in_their_words(reports, case):
    rendered = reports[case]
    w = rendered.words
    province_kind = kind_word(PROVINCES[case[0]][0])
    text = rendered.text
    assert f"Thực hiện chỉ đạo của Trung ương, {province_kind} và {w.party} " in text
    assert f"{w.authority_kind} đã tổ chức thông tin, tuyên truyền" in text
    assert f"các buổi họp {w.villages}, khu dân cư" in text
    assert f"{w.portal} (" in text
    assert f"tại {w.service_centre}" in text
    assert f"tổ công nghệ số cộng đồng {w.village_level}" in text
    assert (
        f"{w.authority_kind} báo cáo kết quả thực hiện để Sở Khoa học và Công nghệ "
        f"{province_kind} {PROVINCES[case[0]][2]} được biết./."
    ) in text
    assert rendered.snapshot["recipients"] == [
        f"Sở KH&CN {province_kind}",
        f"Lãnh đạo {w.authority_kind}",
        "Lưu: VT",
    ]
    assert rendered.snapshot["header"]["agency"] == ["ỦY BAN NHÂN DÂN", w.phrase.upper()]
    assert rendered.snapshot["words"] == w.as_dict()


def test_a_commune_of_several_kinds_of_village_says_them_together(reports):
    text = reports[("tinh", Kind.XA, "ban_xom")].text
    assert "các buổi họp bản, xóm, khu dân cư" in text
    assert "tổ công nghệ số cộng đồng cấp bản, xóm" in text
    assert "nhóm Zalo tổ công nghệ số cộng đồng tại 03 bản, xóm" in text


@pytest.mark.parametrize("province", PROVINCES)
def test_it_names_the_national_platforms_and_only_its_own_provinces(reports, province):
    text = reports[(province, Kind.XA, "thon")].text
    platforms = (
        "trên nền tảng: http://binhdanhocvuso.gov.vn, Cổng đào tạo AI cho cộng đồng "
        "http://aicongdong.ptit.edu.vn"
    )
    if province == "thanh_pho":
        platforms += ", Hệ thống học tập số thành phố Cần Thơ"
    assert f"{platforms}. Nội dung" in text


@pytest.mark.parametrize("province", PROVINCES)
def test_it_names_the_apps_used_and_only_its_own_provinces_local_app(reports, province):
    text = reports[(province, Kind.PHUONG, "to_dan_pho")].text
    assert "Cài đặt và sử dụng các ứng dụng số cơ bản: Sổ sức khỏe điện tử (" in text
    assert "hướng dẫn cài đặt Sổ sức khỏe điện tử" in text
    if province == "thanh_pho":
        assert f"Sổ sức khỏe điện tử, {CITY_APP} và các nền tảng số thiết yếu" in text
    else:
        assert "Sổ sức khỏe điện tử và các nền tảng số thiết yếu" in text
        assert "ứng dụng Công dân số" not in text


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_appendix_speaks_only_vietnamese_with_the_communes_village_word(reports, case):
    rendered = reports[case]
    village = rendered.words.villages
    internal = re.compile(r"^[a-z0-9_.]+$")
    for title, heading, *_rows in rendered.sheets:
        assert not internal.match(title[0]), title
        for cell in heading:
            assert cell and not internal.match(str(cell)), (title, heading)
    summary = rendered.sheets[0]
    for label, _ in summary[2:]:
        assert not internal.match(str(label)), label
    by_village = next(s for s in rendered.sheets if s[0][0] == f"Lượt hỗ trợ theo {village}")
    assert by_village[1][1] == village[:1].upper() + village[1:]


def test_a_commune_without_shifts_zalo_classes_or_indicators_claims_none_of_them(reports):
    text = paragraphs_text(reports["bare"].snapshot)
    for claim in (
        "Zalo",
        "lớp học số",
        "ca trực",
        "lịch trực",
        "Đoàn thanh niên",
        "Wifi",
        "không dùng tiền mặt đối với các khoản thu",
        "học liệu số",
        "%",
    ):
        assert claim not in text, claim
    # What it has on record is still said.
    assert "lượt tham gia học tập trực tuyến" in text
    assert "Phát huy vai trò của các thành viên tổ công nghệ số cộng đồng" in text


def test_a_section_with_nothing_on_record_says_so_in_one_sentence(reports):
    snapshot = reports["empty"].snapshot
    for section in snapshot["sections"]:
        assert len(section["paragraphs"]) == 1, section
        assert "chưa" in section["paragraphs"][0]
    text = paragraphs_text(snapshot)
    assert "Tổ công nghệ số cộng đồng phường" not in text
    assert "Thực hiện chỉ đạo" not in text


def test_the_duty_roster_names_the_days_its_hours_cover(reports):
    text = reports["odd_days"].text
    assert (
        "Tổ công nghệ số cộng đồng xã bố trí lịch trực, luân phiên vào thứ 3, thứ 5 và thứ 7 "
        "tại Trung tâm Phục vụ hành chính công xã để hướng dẫn người dân"
    ) in text
    assert "từ thứ 2 đến thứ 6" not in text
    assert "giờ hành chính" not in text
    assert "Trong kỳ, đã bố trí 1 ca trực với 01 thành viên tham gia; 1 ca có thành viên" in text
    assert "phối hợp với Đoàn thanh niên" not in text


def test_a_monday_to_friday_roster_keeps_office_hours(reports):
    text = reports[("thanh_pho", Kind.PHUONG, "khu_pho")].text
    assert (
        "Tổ công nghệ số cộng đồng phường phối hợp với Đoàn thanh niên phường bố trí lịch trực, "
        "luân phiên từ thứ 2 đến thứ 6 trong giờ hành chính tại Trung tâm Phục vụ hành chính "
        "công phường"
    ) in text
    # No shift in the period: no figure of shifts.
    assert "ca trực với" not in text


def test_the_appendix_names_rows_without_a_village_in_the_communes_words(reports):
    rendered = reports["bare"]
    by_village = {s[0][0]: s[2:] for s in rendered.sheets}
    assert ("", "Chưa ghi bản", 1, 1) in [
        tuple("" if v is None else v for v in row) for row in by_village["Lượt hỗ trợ theo bản"]
    ]
    assert any(row[1] == "Toàn xã" for row in by_village["Tuyên truyền theo bản"])
