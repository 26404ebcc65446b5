"""No mass assignment: a write that names another commune, an owner or a status is refused,
or the name is ignored (SECURITY.md row 8). Each main write form and endpoint is tried with
another commune's id."""

import datetime

from django.urls import reverse

from hocvuso.api.tests.conftest import token_caller
from hocvuso.documents.models import Document
from hocvuso.indicators.models import Indicator, IndicatorValue
from hocvuso.reports.models import ReportStatus
from hocvuso.reports.services import create_report
from hocvuso.support.models import SupportVisit

DAY = datetime.date(2026, 3, 31)


def test_a_document_is_not_filed_under_another_commune(client, world):
    client.force_login(world.commune)
    plan = {
        "number_symbol": "52/KH-UBND",
        "kind": "",
        "issued_on": "2026-03-02",
        "issuer": "UBND",
        "summary": "về việc tổ chức lớp học số",
    }
    # A commune officer's document is its commune's: the commune posted is ignored.
    client.post(reverse("documents:add"), {**plan, "commune": world.tanky.commune.pk})
    assert Document.objects.get(number=52).commune == world.chiminh.commune
    document = world.chiminh.document
    url = reverse("documents:change", args=[document.pk])
    client.post(url, {**plan, "commune": world.tanky.commune.pk})
    document.refresh_from_db()
    assert document.commune == world.chiminh.commune and document.number == 41


def test_an_indicator_value_is_not_entered_for_another_commune(client, world):
    client.force_login(world.commune)
    client.post(
        reverse("indicators:add"),
        {
            "commune": world.tanky.commune.pk,
            "indicator": Indicator.objects.first().pk,
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "numerator": "1",
            "denominator": "2",
            "value": "1",
        },
    )
    assert not IndicatorValue.objects.filter(commune=world.tanky.commune).exists()


def test_a_reports_text_posts_no_status_commune_or_number(client, world):
    report = create_report(world.chiminh.commune, start=DAY, end=DAY, report_date=DAY)
    client.force_login(world.commune)
    client.post(
        reverse("reports:detail", args=[report.pk]),
        {
            "status": ReportStatus.SENT,
            "commune": world.tanky.commune.pk,
            "number": "99",
            "created_by": world.outsider.pk,
            "snapshot": "{}",
        },
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.number is None
    assert report.commune == world.chiminh.commune and report.snapshot is None


def test_a_visit_is_not_moved_to_another_commune_through_the_api(world):
    api = token_caller(world.commune)
    visit = world.chiminh.visits[0]
    response = api.patch(f"/visits/{visit.pk}", {"team": world.tanky.village_teams[0].pk})
    assert response.status_code == 422
    # Fields the endpoint does not take are ignored: the commune follows the team and village.
    response = api.patch(
        f"/visits/{visit.pk}",
        {"people": 3, "commune": world.tanky.commune.pk, "created_by": world.outsider.pk},
    )
    assert response.status_code == 200
    visit.refresh_from_db()
    assert (visit.people, visit.commune, visit.created_by) == (3, world.chiminh.commune, None)


def test_a_city_officer_writes_no_visit_through_the_api(world):
    api = token_caller(world.city)
    visit = world.chiminh.visits[0]
    assert api.patch(f"/visits/{visit.pk}", {"people": 999}).status_code == 403
    assert api.delete(f"/visits/{visit.pk}").status_code == 403
    before = SupportVisit.objects.count()
    new = {
        "client_key": "6f1c7a9e-3b0f-4a51-9a4e-2f7a1c0b9d11",
        "services": ["other"],
        "village": world.chiminh.villages[0].code,
    }
    assert api.post("/visits", new).status_code == 403
    assert SupportVisit.objects.count() == before
    visit.refresh_from_db()
    assert visit.people == 1
