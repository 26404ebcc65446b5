"""An issued report is never deleted: its commune's officer cancels it, with a reason."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from hocvuso.reports.models import Report, ReportStatus
from hocvuso.reports.services import cancel_report, create_report, issue_report, mark_sent

DAY = datetime.date(2026, 3, 31)


def draft(world):
    return create_report(
        world.chiminh.commune, start=datetime.date(2026, 3, 1), end=DAY, report_date=DAY
    )


@pytest.fixture
def issued(world):
    return issue_report(draft(world), user=world.commune)


def cancel_url(report):
    return reverse("reports:cancel", args=[report.pk])


def test_the_commune_officer_cancels_an_issued_report_and_its_snapshot_stays(client, world, issued):
    snapshot = issued.snapshot
    client.force_login(world.commune)
    page = client.get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert 'id="cancel-report"' in page
    response = client.post(cancel_url(issued), {"reason": "Nhập nhầm số liệu tháng 3."})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.status == ReportStatus.CANCELLED
    assert issued.cancel_reason == "Nhập nhầm số liệu tháng 3."
    assert issued.cancelled_by == world.commune and issued.cancelled_at is not None
    assert issued.snapshot == snapshot and issued.number == 1
    entry = LogEntry.objects.get_for_object(issued).filter(actor=world.commune).first()
    assert entry.changes_dict["status"] == ["issued", "cancelled"]
    page = client.get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert "Đã hủy" in page and "Nhập nhầm số liệu tháng 3." in page
    assert 'id="cancel-report"' not in page and 'id="send"' not in page


def test_a_cancel_needs_a_reason(client, world, issued):
    client.force_login(world.commune)
    response = client.post(cancel_url(issued), {"reason": "  "}, follow=True)
    assert "Hãy ghi lý do hủy báo cáo." in response.content.decode()
    issued.refresh_from_db()
    assert issued.status == ReportStatus.ISSUED


@pytest.mark.parametrize("who, status", [("city", 403), ("outsider", 404), ("leader", 403)])
def test_only_the_communes_officer_cancels(client, world, issued, who, status):
    client.force_login(getattr(world, who))
    assert client.post(cancel_url(issued), {"reason": "Không đúng"}).status_code == status
    issued.refresh_from_db()
    assert issued.status == ReportStatus.ISSUED
    with pytest.raises(PermissionDenied):
        cancel_report(issued, getattr(world, who), "Không đúng")


def test_a_draft_is_not_cancelled_and_a_cancelled_report_is_not_sent(world, issued):
    with pytest.raises(ValidationError, match="Dự thảo"):
        cancel_report(draft(world), world.commune, "Lý do")
    cancel_report(issued, world.commune, "Lập lại")
    with pytest.raises(ValidationError, match="đã được hủy"):
        cancel_report(issued, world.commune, "Lần nữa")
    issued.refresh_from_db()
    with pytest.raises(ValidationError, match="đã hủy"):
        mark_sent(issued, world.commune)


def test_a_sent_report_is_cancelled_too(world, issued):
    mark_sent(issued, world.commune)
    assert cancel_report(issued, world.commune, "Gửi nhầm").status == ReportStatus.CANCELLED


def test_an_issued_report_is_never_deleted_but_a_draft_is(world, issued):
    # Each refusal undoes its own savepoint, as a request's transaction would be.
    with pytest.raises(PermissionDenied), transaction.atomic():
        issued.delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        Report.objects.filter(pk=issued.pk).delete()
    assert Report.objects.filter(pk=issued.pk).exists()
    kept = draft(world)
    kept.delete()
    assert not Report.objects.filter(pk=kept.pk).exists()
