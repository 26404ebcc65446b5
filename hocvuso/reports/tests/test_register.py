"""The register: numbering, issuing freezes the snapshot, narrative kept with the report."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hocvuso.reports.models import ReportSettings, ReportStatus
from hocvuso.reports.services import (
    changes_since_issue,
    create_report,
    current_snapshot,
    issue_report,
    mark_sent,
    save_narrative,
)
from hocvuso.support.models import SupportVisit

from .helpers import END, START, ask_for_report


@pytest.fixture
def request_1885(world):
    return ask_for_report(world.haiphong)


@pytest.fixture
def settings_chiminh(world):
    return ReportSettings.objects.create(
        commune=world.chiminh.commune,
        agency="ỦY BAN NHÂN DÂN\nXÃ CHÍ MINH",
        agency_short="UBND xã Chí Minh",
        place_name="Chí Minh",
        recipients="Sở KH&CN thành phố\nTT ĐU xã; TT HĐND xã\nLãnh đạo UBND xã\nLưu: VT",
        signer_authority="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Phạm Anh Tuấn",
    )


def test_the_opening_cites_the_citys_request_as_the_seed_does(
    world, request_1885, settings_chiminh
):
    report = create_report(
        world.chiminh.commune, request=request_1885, report_date=datetime.date(2026, 6, 5)
    )
    snapshot = current_snapshot(report)
    assert snapshot["opening"] == (
        "Thực hiện Công văn số 1885/SKHCN-TTTT ngày 15/5/2026 của Sở Khoa học và Công nghệ "
        "thành phố Hải Phòng về việc báo cáo kết quả triển khai phong trào “Bình dân học vụ số”, "
        "UBND xã Chí Minh báo cáo kết quả thực hiện, cụ thể:"
    )
    assert (report.period_start, report.period_end) == (START, END)
    assert snapshot["signature"] == {
        "authority": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Phạm Anh Tuấn",
    }
    assert snapshot["recipients"][-1] == "Lưu: VT"
    assert [s["key"] for s in snapshot["sections"]] == [
        "communication",
        "activities",
        "learning",
        "community",
        "teams",
    ]


def test_a_draft_has_no_number_until_it_is_issued(world, settings_chiminh):
    report = create_report(
        world.chiminh.commune, start=START, end=END, report_date=datetime.date(2026, 6, 5)
    )
    assert report.number is None
    assert current_snapshot(report)["header"]["number"] is None
    issued = issue_report(report, world.commune)
    assert issued.number == 1 and issued.status == ReportStatus.ISSUED
    assert issued.snapshot["header"]["number"] == 1
    assert issued.issued_by == world.commune


def test_numbers_run_per_commune_and_start_again_each_year(world):
    def issued(commune, day):
        return issue_report(create_report(commune, start=START, end=END, report_date=day)).number

    assert issued(world.chiminh.commune, datetime.date(2026, 6, 5)) == 1
    assert issued(world.chiminh.commune, datetime.date(2026, 7, 5)) == 2
    assert issued(world.tanky.commune, datetime.date(2026, 7, 5)) == 1
    assert issued(world.chiminh.commune, datetime.date(2027, 1, 5)) == 1


def test_an_issued_report_does_not_change_when_records_change(world, settings_chiminh):
    report = issue_report(
        create_report(
            world.chiminh.commune, start=START, end=END, report_date=datetime.date(2026, 6, 5)
        )
    )
    before = current_snapshot(report)
    SupportVisit.objects.filter(commune=world.chiminh.commune).update(people=7)
    settings_chiminh.signer_name = "Người Khác"
    settings_chiminh.save()
    report.refresh_from_db()
    assert current_snapshot(report) == before
    assert before["figures"]["visits"]["people"] == 4
    changes = changes_since_issue(report)
    assert {"label": "Số lượt hỗ trợ (người)", "issued": 4, "now": 28} in changes


def test_an_issued_report_cannot_be_issued_again_or_edited(world):
    report = issue_report(create_report(world.chiminh.commune, start=START, end=END))
    with pytest.raises(ValidationError):
        issue_report(report)
    with pytest.raises(PermissionDenied):
        save_narrative(report, {"activities": {"addition": "Thêm"}})


def test_the_officers_text_is_kept_with_the_report(world):
    report = create_report(world.chiminh.commune, start=START, end=END)
    save_narrative(
        report,
        {
            "activities": {"addition": "Đoạn bổ sung của cán bộ xã."},
            "community": {"override": "Đoạn viết lại thứ nhất.\n\nĐoạn viết lại thứ hai."},
        },
    )
    report.refresh_from_db()
    sections = {s["key"]: s for s in current_snapshot(report)["sections"]}
    assert sections["activities"]["paragraphs"][-1] == "Đoạn bổ sung của cán bộ xã."
    assert sections["community"]["paragraphs"] == [
        "Đoạn viết lại thứ nhất.",
        "Đoạn viết lại thứ hai.",
    ]
    issued = issue_report(report)
    frozen = {s["key"]: s for s in issued.snapshot["sections"]}
    assert frozen["community"]["paragraphs"][0] == "Đoạn viết lại thứ nhất."


def test_an_unknown_section_is_refused(world):
    report = create_report(world.chiminh.commune, start=START, end=END)
    with pytest.raises(ValidationError):
        save_narrative(report, {"nonsense": {"override": "x"}})


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError):
        create_report(world.chiminh.commune, start=END, end=START)


def test_only_an_issued_report_can_be_sent(world):
    report = create_report(world.chiminh.commune, start=START, end=END)
    with pytest.raises(ValidationError):
        mark_sent(report)
    assert mark_sent(issue_report(report)).status == ReportStatus.SENT


def test_a_commune_without_settings_gets_sensible_defaults(world):
    snapshot = current_snapshot(create_report(world.tanky.commune, start=START, end=END))
    assert snapshot["header"]["agency"] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN KỲ"]
    assert snapshot["header"]["place"] == "Tân Kỳ"
