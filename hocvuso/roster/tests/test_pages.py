"""The officer's roster pages: the table, its print and DOCX, generating, holidays, leave."""

import datetime
import io

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from docx import Document as Docx

from hocvuso.roster.models import CalendarException, DayKind, Leave, Shift
from hocvuso.roster.services import aware
from hocvuso.teams.models import Team, TeamLevel

from .conftest import BEFORE_JUNE

pytestmark = pytest.mark.django_db


def url(name, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(f"roster:{name}") + (f"?{query}" if query else "")


def test_it_shows_the_week_as_places_days_and_shifts_with_first_names_and_roles(
    client, world, june
):
    client.force_login(world.commune)
    response = client.get(url("manage", xa="11131", xem="tuan", ngay="2026-06-03"))
    text = response.content.decode()
    assert response.context["title"] == "Tuần từ 01/06/2026 đến 07/06/2026"
    [table] = response.context["tables"]
    assert table.column_labels == ["07:30–11:30", "13:30–17:00"]
    assert [row.day.day for row in table.rows] == [1, 2, 3, 4, 5]
    assert 'Trung <span class="role nowrap">(Tổ trưởng)</span>' in text
    assert 'Hoa <span class="role nowrap">(Tổ viên)</span>' in text
    assert "Thứ Hai<br>01/06/2026" in text


def test_the_month_shows_national_day_as_a_holiday(client, world, duty_place):
    client.force_login(world.commune)
    response = client.get(url("manage", xa="11131", xem="thang", ngay="2026-09-15"))
    text = response.content.decode()
    assert response.context["title"] == "Tháng 09/2026"
    assert "Nghỉ lễ: Quốc khánh" in text
    [table] = response.context["tables"]
    assert table.row_for(datetime.date(2026, 9, 2)).is_off


def test_it_generates_a_roster_and_says_what_it_did(client, world, duty_place):
    client.force_login(world.commune)
    team = world.chiminh.commune_team
    with time_machine.travel(BEFORE_JUNE, tick=False):
        response = client.post(
            url("generate"),
            {"xa": "11131", "start": "2026-06-01", "end": "2026-06-30", "teams": [team.pk]},
        )
    assert response.status_code == 200
    assert response.context["result"].shifts == 44
    text = response.content.decode()
    assert "Đã xếp lịch trực từ 01/06/2026 đến 30/06/2026" in text
    assert '<span class="value" id="shifts-new">44</span>' in text
    assert '<span class="value" id="shifts-unfilled">0</span>' in text
    assert Shift.objects.filter(commune=world.chiminh.commune).count() == 44


def test_it_lists_the_shifts_left_without_enough_members(client, world, duty_place):
    duty_place.hours.update(members_needed=5)
    client.force_login(world.commune)
    with time_machine.travel(BEFORE_JUNE, tick=False):
        response = client.post(
            url("generate"),
            {
                "xa": "11131",
                "start": "2026-06-01",
                "end": "2026-06-05",
                "teams": [world.chiminh.commune_team.pk],
            },
        )
    assert len(response.context["summary"]["unfilled"]) == 10
    assert (
        "Thứ Hai 01/06/2026, 07:30–11:30 · Trung tâm Phục vụ hành chính công xã Chí Minh: thiếu 1 người"
        in response.content.decode()
    )


def test_it_shows_the_error_and_keeps_the_roster_as_it_was(client, world, june):
    empty = Team.objects.create(
        name="Tổ ứng cứu xã Chí Minh", level=TeamLevel.RAPID_RESPONSE, unit=world.chiminh.commune
    )
    before = list(Shift.objects.values_list("pk", flat=True))
    client.force_login(world.commune)
    with time_machine.travel(BEFORE_JUNE, tick=False):
        response = client.post(
            url("generate"),
            {"xa": "11131", "start": "2026-06-01", "end": "2026-06-30", "teams": [empty.pk]},
        )
    assert "Các tổ được chọn chưa có thành viên nào để xếp lịch trực." in response.content.decode()
    assert response.context["result"] is None
    assert list(Shift.objects.values_list("pk", flat=True)) == before


def test_it_explains_a_wrong_period(client, world, duty_place):
    client.force_login(world.commune)
    response = client.post(
        url("generate"),
        {
            "xa": "11131",
            "start": "2026-06-30",
            "end": "2026-06-01",
            "teams": [world.chiminh.commune_team.pk],
        },
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not Shift.objects.exists()


def test_it_says_why_a_period_already_past_gets_no_shift(client, world, june):
    # June was planned; on 1 July nothing of June is left to plan.
    before = list(Shift.objects.values_list("pk", flat=True))
    client.force_login(world.commune)
    with time_machine.travel(aware(datetime.date(2026, 7, 1), datetime.time(8)), tick=False):
        response = client.post(
            url("generate"),
            {
                "xa": "11131",
                "start": "2026-06-01",
                "end": "2026-06-30",
                "teams": [world.chiminh.commune_team.pk],
            },
        )
    text = response.content.decode()
    assert (
        "Kỳ này không còn ngày làm việc nào: các ca trực của kỳ đều đã qua, "
        "nên không xếp được ca nào. Hãy chọn một kỳ khác." in text
    )
    assert "Đã xếp lịch" not in text and response.context["result"] is None
    assert list(Shift.objects.values_list("pk", flat=True)) == before


def test_it_says_why_a_period_of_days_off_gets_no_shift(client, world, duty_place):
    client.force_login(world.commune)
    with time_machine.travel(BEFORE_JUNE, tick=False):
        # Saturday 5 and Sunday 6 September 2026, after the National Day holiday.
        response = client.post(
            url("generate"),
            {
                "xa": "11131",
                "start": "2026-09-05",
                "end": "2026-09-06",
                "teams": [world.chiminh.commune_team.pk],
            },
        )
    assert "Kỳ này không có ngày làm việc nào (toàn ngày nghỉ lễ, cuối tuần)" in (
        response.content.decode()
    )
    assert response.context["result"] is None and not Shift.objects.exists()


def test_the_form_offers_the_communes_teams_with_the_commune_team_ticked(client, world):
    client.force_login(world.commune)
    form = client.get(url("generate")).context["form"]
    teams = set(form.fields["teams"].queryset)
    assert world.chiminh.commune_team in teams and world.tanky.commune_team not in teams
    assert list(form.initial["teams"]) == [world.chiminh.commune_team]


def test_the_city_officer_reads_the_roster_but_changes_nothing(client, world, june):
    client.force_login(world.city)
    assert client.get(url("manage", xa="11131")).status_code == 200
    assert client.get(url("docx", xa="11131")).status_code == 200
    assert client.get(url("generate", xa="11131")).status_code == 403
    response = client.post(
        url("holidays", xa="11131"), {"date": "2026-06-10", "kind": "holiday", "name": "Nghỉ"}
    )
    assert response.status_code == 403
    assert not CalendarException.objects.exists()
    assert "Xếp lịch" not in client.get(url("manage", xa="11131")).content.decode()


def test_team_members_and_other_communes_are_kept_out(client, world, june):
    client.force_login(world.leader)
    assert client.get(url("manage")).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url("manage", xa="11131")).status_code == 404
    response = client.get(url("manage"))
    assert response.context["commune"] == world.tanky.commune


def test_the_docx_opens_and_lists_the_members(client, world, june):
    client.force_login(world.commune)
    response = client.get(url("docx", xa="11131", xem="thang", ngay="2026-06-01"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="lich-truc-11131-20260601-20260630.docx"' in response["Content-Disposition"]
    document = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "LỊCH TRỰC HỖ TRỢ NGƯỜI DÂN" in text and "Tháng 06/2026" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].font.name == "Times New Roman"
    roster = document.tables[1]
    assert [c.text for c in roster.rows[0].cells] == ["Ngày", "Ca 07:30–11:30", "Ca 13:30–17:00"]
    cells = "\n".join(cell.text for row in roster.rows for cell in row.cells)
    for name in ("Trung (Tổ trưởng)", "Hoa (Tổ viên)", "Khánh (Tổ viên)", "Mai (Tổ viên)"):
        assert name in cells
    assert "Thứ Hai\n01/06/2026" in cells
    assert len(roster.rows) == 1 + 22


def test_the_print_page_is_a_clean_a4_page(client, world, june):
    client.force_login(world.commune)
    response = client.get(url("print", xa="11131", xem="tuan", ngay="2026-06-01"))
    text = response.content.decode()
    # Its style is a file of its own: the Content-Security-Policy forbids inline styles.
    assert '<link rel="stylesheet" href="/static/roster/print.css">' in text
    css = (settings.BASE_DIR / "hocvuso/roster/static/roster/print.css").read_text()
    assert "@page { size: A4" in css and "Times New Roman" in css
    assert "LỊCH TRỰC HỖ TRỢ NGƯỜI DÂN" in text and "Tuần từ 01/06/2026 đến 07/06/2026" in text
    assert "Hoa (Tổ viên)" in text
    assert 'class="topbar"' not in text


def test_the_roster_table_takes_the_same_queries_for_a_week_and_a_month(
    client, world, june, django_assert_max_num_queries
):
    client.force_login(world.commune)
    client.get(url("manage", xa="11131"))  # warm the session and the user's scope
    with django_assert_max_num_queries(20):
        client.get(url("manage", xa="11131", xem="thang", ngay="2026-06-01"))


def test_an_officer_adds_a_holiday_and_is_told_to_regenerate(client, world, june):
    client.force_login(world.commune)
    response = client.post(
        url("holidays", xa="11131"),
        {"date": "2026-06-10", "kind": DayKind.HOLIDAY, "name": "Nghỉ bù", "works_as": 0},
        follow=True,
    )
    exception = CalendarException.objects.get()
    assert exception.commune == world.chiminh.commune and exception.name == "Nghỉ bù"
    text = response.content.decode()
    assert "Ngày 10/06/2026 đã có 2 ca trực" in text
    # The year of the new day, with the national holidays beside the commune's own.
    assert response.context["year"] == 2026
    assert "<td>Nghỉ bù</td>" in text and "<td>Quốc khánh</td>" in text


def test_it_refuses_the_same_day_twice_and_a_make_up_day_on_a_weekday(client, world):
    client.force_login(world.commune)
    data = {"date": "2026-06-13", "kind": DayKind.WORKDAY, "name": "Làm bù", "works_as": 4}
    client.post(url("holidays", xa="11131"), data)
    response = client.post(url("holidays", xa="11131"), data)
    assert "Ngày này đã có trong lịch" in response.content.decode()
    response = client.post(url("holidays", xa="11131"), {**data, "date": "2026-06-12"})
    assert "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật." in response.content.decode()
    assert CalendarException.objects.count() == 1


def test_an_officer_edits_and_deletes_the_communes_holiday_only(client, world):
    mine = CalendarException.objects.create(
        commune=world.chiminh.commune, date=datetime.date(2026, 6, 10), kind="holiday", name="A"
    )
    general = CalendarException.objects.create(
        commune=None, date=datetime.date(2026, 6, 11), kind="holiday", name="Chung"
    )
    client.force_login(world.commune)
    edit = reverse("roster:holiday_edit", args=[mine.pk])
    client.post(edit, {"date": "2026-06-10", "kind": "holiday", "name": "B", "works_as": 0})
    mine.refresh_from_db()
    assert mine.name == "B"
    assert client.get(reverse("roster:holiday_edit", args=[general.pk])).status_code == 404
    client.force_login(world.outsider)
    assert client.post(edit, {"delete": "1"}).status_code == 404
    client.force_login(world.commune)
    client.post(edit, {"delete": "1"})
    assert list(CalendarException.objects.all()) == [general]


def test_an_officer_records_leave_and_is_warned_of_the_shifts_in_it(client, world, june):
    member = world.chiminh.members[1]
    client.force_login(world.commune)
    with time_machine.travel(BEFORE_JUNE, tick=False):
        response = client.post(
            url("leaves", xa="11131"),
            {
                "member": member.pk,
                "starts_on": "2026-06-08",
                "ends_on": "2026-06-12",
                "reason": "Tập huấn",
            },
            follow=True,
        )
    leave = Leave.objects.get()
    assert (leave.member, leave.starts_on) == (member, datetime.date(2026, 6, 8))
    assert "Trần Thị Hoa đang có" in response.content.decode()
    assert "ca trực trong thời gian nghỉ" in response.content.decode()


def test_leave_is_only_for_the_communes_members_and_ends_after_it_starts(client, world):
    client.force_login(world.commune)
    stranger = world.tanky.members[0]
    response = client.post(
        url("leaves", xa="11131"),
        {"member": stranger.pk, "starts_on": "2026-06-08", "ends_on": "2026-06-12"},
    )
    assert response.context["form"].errors["member"]
    response = client.post(
        url("leaves", xa="11131"),
        {"member": world.chiminh.members[1].pk, "starts_on": "2026-06-12", "ends_on": "2026-06-08"},
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not Leave.objects.exists()


def test_an_officer_edits_and_deletes_leave_of_the_commune_only(client, world):
    leave = Leave.objects.create(
        member=world.chiminh.members[1],
        starts_on=datetime.date(2026, 6, 8),
        ends_on=datetime.date(2026, 6, 9),
    )
    edit = reverse("roster:leave_edit", args=[leave.pk])
    client.force_login(world.outsider)
    assert client.get(edit).status_code == 404
    client.force_login(world.city)
    assert client.get(edit).status_code == 403
    client.force_login(world.commune)
    client.post(
        edit,
        {
            "member": leave.member_id,
            "starts_on": "2026-06-08",
            "ends_on": "2026-06-19",
            "reason": "Ốm",
        },
    )
    leave.refresh_from_db()
    assert leave.ends_on == datetime.date(2026, 6, 19) and leave.reason == "Ốm"
    client.post(edit, {"delete": "1"})
    assert not Leave.objects.exists()


def test_the_holiday_page_of_a_year_lists_tet(client, world):
    client.force_login(world.commune)
    text = client.get(url("holidays", xa="11131", nam="2027")).content.decode()
    assert "Tết Nguyên Đán" in text and "06/02/2027" in text


def test_a_shift_of_the_demo_day_is_on_the_generated_roster(world, june):
    # A sanity check of the fixture the pages rely on.
    first = Shift.objects.order_by("starts_at").first()
    assert first.starts_at == aware(datetime.date(2026, 6, 1), datetime.time(7, 30))
