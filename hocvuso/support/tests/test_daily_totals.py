"""The daily and monthly totals stay equal to the visits through every write, the figures
of a period read from them equal the visits', and the check finds a difference and mends it."""

import dataclasses
import datetime
import io
import uuid
import zoneinfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hocvuso.api.tests.conftest import token_caller
from hocvuso.core.periods import Period
from hocvuso.imports.tests.sheets import messages, visits_file
from hocvuso.support.figures import SUMS, daily_totals_for, for_period, visits_in
from hocvuso.support.imports import import_visits
from hocvuso.support.models import (
    DailyServiceTotal,
    DailyTotal,
    MonthlyServiceTotal,
    MonthlyTotal,
    Place,
    Service,
    SupportVisit,
)
from hocvuso.support.services import VisitInput, change_visit, delete_visit, record_visit
from hocvuso.support.totals import differences, rebuild

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date


@pytest.fixture(autouse=True)
def march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, 0, tzinfo=VIETNAM), tick=False):
        yield


def kept(commune, day) -> dict:
    """{place: (visits, people)} of one commune's day, as the totals keep it."""
    rows = DailyTotal.objects.filter(commune=commune, day=day).exclude(visits=0)
    return {row.place: (row.visits, row.people) for row in rows}


def services_kept(commune, day) -> dict:
    rows = DailyServiceTotal.objects.filter(commune=commune, day=day).exclude(visits=0)
    return {row.service.code: (row.visits, row.people) for row in rows}


def month_kept(commune, month) -> tuple[dict, dict]:
    """({place: (visits, people)}, {service: (visits, people)}) of one commune's month."""
    places = MonthlyTotal.objects.filter(commune=commune, month=month).exclude(visits=0)
    services = MonthlyServiceTotal.objects.filter(commune=commune, month=month).exclude(visits=0)
    return (
        {row.place: (row.visits, row.people) for row in places},
        {row.service.code: (row.visits, row.people) for row in services},
    )


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def test_the_shared_world_starts_with_its_totals_equal_to_its_visits(world):
    assert differences() == []
    # Two visits in each of two villages, on 02/03, at a cultural house, each with two services.
    assert kept(world.chiminh.commune, D(2026, 3, 2)) == {Place.CULTURAL_HOUSE: (4, 4)}
    places, services = month_kept(world.chiminh.commune, D(2026, 3, 1))
    assert places == {Place.CULTURAL_HOUSE: (4, 4)}
    assert services == {"vneid-register": (4, 4), "vneid-activate": (4, 4)}


def test_a_visit_logged_on_the_page_is_counted_on_its_local_day(world):
    # 23:30 in Vietnam is still the 5th there, though it is the 5th at 16:30 UTC too;
    # 00:30 on the 6th is the 5th in UTC: the local day counts.
    for moment, people in ((at(D(2026, 3, 5), 23, 30), 3), (at(D(2026, 3, 6), 0, 30), 2)):
        data = VisitInput(services=["vneid-activate"], occurred_at=moment, people=people)
        record_visit(world.member, data)
    commune = world.chiminh.commune
    assert kept(commune, D(2026, 3, 5)) == {Place.SERVICE_CENTRE: (1, 3)}
    assert kept(commune, D(2026, 3, 6)) == {Place.SERVICE_CENTRE: (1, 2)}
    assert services_kept(commune, D(2026, 3, 6)) == {"vneid-activate": (1, 2)}
    assert differences() == []


def test_an_edit_moves_the_visit_between_days_places_and_figures(world):
    data = VisitInput(
        services=["vneid-activate", "qr-payment"],
        occurred_at=at(D(2026, 3, 10), 9),
        place=Place.HOME,
        people=4,
        gender="female",
    )
    visit, _ = record_visit(world.commune, data)
    commune = world.chiminh.commune
    change_visit(
        world.commune,
        visit,
        VisitInput(
            services=["health-book"],
            occurred_at=at(D(2026, 3, 12), 15),
            place=Place.ONLINE,
            people=7,
            gender="male",
            age_band="60_plus",
            disability=True,
        ),
    )
    assert kept(commune, D(2026, 3, 10)) == {}
    assert services_kept(commune, D(2026, 3, 10)) == {}
    assert kept(commune, D(2026, 3, 12)) == {Place.ONLINE: (1, 7)}
    row = DailyTotal.objects.get(commune=commune, day=D(2026, 3, 12))
    assert (row.elderly_people, row.disability_people, row.male_people, row.female_people) == (
        7,
        7,
        7,
        0,
    )
    assert services_kept(commune, D(2026, 3, 12)) == {"health-book": (1, 7)}
    row = MonthlyTotal.objects.get(commune=commune, month=D(2026, 3, 1), place=Place.ONLINE)
    assert (row.visits, row.people, row.elderly_people, row.male_people) == (1, 7, 7, 7)
    assert differences() == []


def test_an_edit_to_another_month_moves_the_visit_between_months(world):
    commune = world.chiminh.commune
    data = VisitInput(services=["qr-payment"], occurred_at=at(D(2026, 2, 28), 23, 30), people=3)
    visit, _ = record_visit(world.commune, data)
    # 23:30 on 28/02 in Vietnam is February there, though 16:30 UTC.
    feb = ({Place.SERVICE_CENTRE: (1, 3)}, {"qr-payment": (1, 3)})
    assert month_kept(commune, D(2026, 2, 1)) == feb
    moved = VisitInput(services=["qr-payment"], occurred_at=at(D(2026, 3, 1), 0, 30), people=3)
    change_visit(world.commune, visit, moved)
    assert month_kept(commune, D(2026, 2, 1)) == ({}, {})
    places, services = month_kept(commune, D(2026, 3, 1))
    assert places[Place.SERVICE_CENTRE] == (1, 3) and services["qr-payment"] == (1, 3)
    # Between two days of one month: the days' rows change, the month's row is not written.
    with CaptureQueriesContext(connection) as captured:
        change_visit(
            world.commune, visit, dataclasses.replace(moved, occurred_at=at(D(2026, 3, 9), 9))
        )
    written = [q["sql"] for q in captured.captured_queries if "INSERT INTO" in q["sql"]]
    assert any("support_dailytotal" in sql for sql in written)
    assert not any("support_monthly" in sql for sql in written)
    assert month_kept(commune, D(2026, 3, 1))[0][Place.SERVICE_CENTRE] == (1, 3)
    assert differences() == []


def test_an_edit_of_what_no_total_counts_writes_no_total(world):
    visit, _ = record_visit(world.commune, VisitInput(services=["qr-payment"], note=""))
    before = list(DailyTotal.objects.values_list("visits", "people"))
    with CaptureQueriesContext(connection) as captured:
        change_visit(
            world.commune, visit, VisitInput(services=["qr-payment"], note="Hướng dẫn lại")
        )
    assert not [
        q
        for q in captured.captured_queries
        if "support_daily" in q["sql"] or "support_monthly" in q["sql"]
    ]
    assert list(DailyTotal.objects.values_list("visits", "people")) == before
    assert differences() == []


def test_a_deleted_visit_leaves_the_totals(world):
    visit = world.chiminh.visits[0]
    delete_visit(world.commune, SupportVisit.objects.get(pk=visit.pk))
    assert kept(world.chiminh.commune, D(2026, 3, 2)) == {Place.CULTURAL_HOUSE: (3, 3)}
    assert differences() == []


GOOD_ROWS = (
    {
        "Ngày": "02/03/2026",
        "Thôn": "Thôn 1",
        "Nơi hỗ trợ": "Nhà văn hóa thôn",
        "Dịch vụ": "Đăng ký VNeID; Sổ sức khỏe điện tử",
        "Số người": 5,
        "Giới tính": "Nữ",
    },
    {"Ngày": "04/03/2026", "Nơi hỗ trợ": "Trực tuyến, qua điện thoại", "Dịch vụ": "Khác"},
)


def test_an_import_adds_its_rows_to_the_totals_at_once(world):
    result = import_visits(world.commune, visits_file(*GOOD_ROWS))
    assert messages(result) == []
    commune = world.chiminh.commune
    assert kept(commune, D(2026, 3, 2)) == {Place.CULTURAL_HOUSE: (5, 9)}
    assert kept(commune, D(2026, 3, 4)) == {Place.ONLINE: (1, 1)}
    assert differences() == []
    # A file refused as a whole adds nothing.
    assert not import_visits(world.commune, visits_file(*GOOD_ROWS)).ok
    assert kept(commune, D(2026, 3, 4)) == {Place.ONLINE: (1, 1)}
    assert differences() == []


def test_a_visit_sent_twice_from_a_phone_is_counted_once(world):
    api = token_caller(world.member)
    visit = {
        "client_key": str(uuid.uuid4()),
        "services": ["vneid-activate"],
        "occurred_at": "2026-03-15T08:00:00+07:00",
        "people": 2,
    }
    assert api.post("/visits", visit).status_code == 201
    # The phone lost the answer and sends the same visit again when it is back online.
    assert api.post("/visits", visit).status_code == 200
    commune = world.chiminh.commune
    assert kept(commune, D(2026, 3, 15)) == {Place.SERVICE_CENTRE: (1, 2)}
    pk = SupportVisit.objects.get(client_key=visit["client_key"]).pk
    assert api.patch(f"/visits/{pk}", {"people": 6}).status_code == 200
    assert kept(commune, D(2026, 3, 15)) == {Place.SERVICE_CENTRE: (1, 6)}
    assert api.delete(f"/visits/{pk}").status_code == 204
    assert kept(commune, D(2026, 3, 15)) == {}
    assert differences() == []


def test_the_admin_keeps_the_totals_when_it_deletes_visits(world, client):
    client.force_login(world.commune)
    visits = world.chiminh.visits[:3]
    response = client.post(
        reverse("admin:support_supportvisit_changelist"),
        {"action": "delete_selected", "_selected_action": [v.pk for v in visits], "post": "yes"},
    )
    assert response.status_code == 302
    assert not SupportVisit.objects.filter(pk__in=[v.pk for v in visits]).exists()
    assert kept(world.chiminh.commune, D(2026, 3, 2)) == {Place.CULTURAL_HOUSE: (1, 1)}
    assert differences() == []


def test_the_admin_keeps_the_totals_when_it_changes_or_deletes_a_visit(world, client):
    client.force_login(world.commune)
    visit = world.chiminh.visits[0]
    url = reverse("admin:support_supportvisit_change", args=[visit.pk])
    response = client.post(
        url,
        {
            "commune": visit.commune_id,
            "village": visit.village_id,
            "team": visit.team_id,
            "member": visit.member_id,
            "occurred_at_0": "09/03/2026",
            "occurred_at_1": "14:00",
            "place": Place.HOME,
            "services": [Service.objects.get(code="health-book").pk],
            "people": 6,
            "gender": "female",
            "age_band": "unknown",
            "outcome": "done",
            "note": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    commune = world.chiminh.commune
    assert kept(commune, D(2026, 3, 2)) == {Place.CULTURAL_HOUSE: (3, 3)}
    assert kept(commune, D(2026, 3, 9)) == {Place.HOME: (1, 6)}
    assert services_kept(commune, D(2026, 3, 9)) == {"health-book": (1, 6)}
    assert differences() == []
    delete = reverse("admin:support_supportvisit_delete", args=[visit.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert kept(commune, D(2026, 3, 9)) == {}
    assert differences() == []


def test_the_check_reports_a_planted_difference_and_fix_mends_it(world):
    commune = world.chiminh.commune
    DailyTotal.objects.filter(commune=commune).update(people=F("people") + 5)
    DailyServiceTotal.objects.filter(commune=world.tanky.commune).delete()
    MonthlyTotal.objects.filter(commune=commune).update(female_people=F("female_people") + 1)
    out = io.StringIO()
    with pytest.raises(CommandError, match="khác với các lượt hỗ trợ"):
        call_command("check_daily_totals", stdout=out)
    lines = out.getvalue().splitlines()
    assert "11131 02/03/2026 cultural_house people: lưu 9, đếm từ lượt hỗ trợ 4" in lines
    assert "11132 02/03/2026 service:vneid-register visits: lưu 0, đếm từ lượt hỗ trợ 4" in lines
    # The months are compared with the visits, not with the days (wrong themselves here).
    assert "11131 tháng 03/2026 cultural_house female_people: lưu 1, đếm từ lượt hỗ trợ 0" in lines
    assert len(lines) == 1 + 2 * 2 + 1  # people; visits and people of two services; a month

    # One commune at a time: the other's difference is not its business. A difference
    # mended is still told by the exit status.
    with pytest.raises(CommandError, match="đã tính lại, nay đã khớp"):
        call_command("check_daily_totals", commune=["11132"], fix=True, stdout=io.StringIO())
    with pytest.raises(CommandError, match="^2 số liệu"):  # the day and the month of 11131
        call_command("check_daily_totals", stdout=io.StringIO())
    with pytest.raises(CommandError, match="đã tính lại, nay đã khớp"):
        call_command("check_daily_totals", fix=True, stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_daily_totals", stdout=out)
    assert out.getvalue() == "Số liệu theo ngày, theo tháng khớp với các lượt hỗ trợ.\n"
    assert differences() == []


def test_the_check_refuses_an_unknown_commune(world):
    with pytest.raises(CommandError, match="Không có xã, phường mã 99999"):
        call_command("check_daily_totals", commune=["99999"])


def test_a_rebuild_counts_visits_written_past_the_service(world):
    """As a loader does: visits inserted in bulk, then the totals counted in SQL."""
    commune = world.tanky.commune
    SupportVisit.objects.bulk_create(
        SupportVisit(
            commune=commune,
            occurred_at=at(D(2026, 3, 7), hour),
            place=Place.SCHOOL,
            people=hour,
            elderly=hour % 2 == 0,
        )
        for hour in (8, 9, 23)
    )
    assert len(differences([commune.pk])) > 0
    rebuild([commune.pk])
    assert kept(commune, D(2026, 3, 7)) == {Place.SCHOOL: (3, 40)}
    assert DailyTotal.objects.get(commune=commune, day=D(2026, 3, 7)).elderly_people == 8
    march = MonthlyTotal.objects.get(commune=commune, month=D(2026, 3, 1), place=Place.SCHOOL)
    assert (march.visits, march.people, march.elderly_people) == (3, 40, 8)
    assert differences() == []


def test_a_period_of_partial_months_gives_the_figures_of_its_visits(world):
    """15/01–20/03: February from the monthly totals, the days of January and March at the
    period's edges from the daily ones; the same figures as counting the visits."""
    commune, other = world.chiminh.commune, world.tanky.commune
    for moment, people, place, gender, services in (
        (at(D(2026, 1, 14), 23, 30), 2, Place.HOME, "female", ["qr-payment"]),  # before
        (at(D(2026, 1, 15), 0, 30), 3, Place.HOME, "male", ["qr-payment", "health-book"]),
        (at(D(2026, 1, 31), 23, 30), 4, Place.ONLINE, "female", ["health-book"]),
        (at(D(2026, 2, 1), 0, 30), 5, Place.SCHOOL, "unknown", ["vneid-activate"]),
        (at(D(2026, 2, 17), 9), 6, Place.HOME, "female", ["qr-payment"]),
        (at(D(2026, 3, 20), 9), 7, Place.ONLINE, "male", ["health-book", "vneid-activate"]),
    ):
        data = VisitInput(
            services=services, occurred_at=moment, people=people, place=place, gender=gender
        )
        record_visit(world.commune, data)
    period = Period(D(2026, 1, 15), D(2026, 3, 20))
    same = (
        "records",
        "people",
        *SUMS,
        "home_people",
        "by_month",
        "by_service",
        "by_place",
    )
    for ids in ([commune.pk], [commune.pk, other.pk]):
        kept = daily_totals_for(ids, period)
        counted = for_period(ids, period)
        assert {k: kept[k] for k in same} == {k: counted[k] for k in same}
        assert {row["id"]: row["people"] for row in kept["by_unit"]} == {
            pk: SupportVisit.objects.filter(
                commune_id=pk, occurred_at__gte=period.bounds[0], occurred_at__lt=period.bounds[1]
            ).aggregate(n=Sum("people"))["n"]
            for pk in ids
        }
    kept = daily_totals_for([commune.pk], period)
    assert [(row["month"], row["people"]) for row in kept["by_month"]] == [
        ("2026-01", 3 + 4),
        ("2026-02", 5 + 6),
        ("2026-03", 4 + 7),  # the world's four visits on 02/03, and 20/03
    ]
    periods = {"period": period, "january": Period(D(2026, 1, 1), D(2026, 1, 31))}
    assert visits_in([commune.pk], periods) == {
        "visits": {"period": 2 + 2 + 4 + 1, "january": 3},
        "people": {"period": 3 + 4 + 5 + 6 + 4 + 7, "january": 2 + 3 + 4},
    }
    # February is read from its monthly row, January's and March's days from the daily.
    february = MonthlyTotal.objects.filter(commune=commune, month=D(2026, 2, 1))
    february.filter(place=Place.SCHOOL).update(people=F("people") + 100)
    assert daily_totals_for([commune.pk], period)["people"] == kept["people"] + 100
    assert visits_in([commune.pk], periods)["people"]["january"] == 2 + 3 + 4
