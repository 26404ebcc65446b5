"""The phone page on which a team member logs support visits (/ghi/), and its service worker."""

import datetime
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from hocvuso.accounts.models import UserRole
from hocvuso.roster.models import Assignment, DutyPlace, PlaceKind, Shift
from hocvuso.support.models import Place, SupportVisit
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.teams.models import Member, Membership
from hocvuso.testing import PASSWORD, make_user

LOG = reverse("support:log")

# Everything the form may ask: nothing that names or identifies the citizen.
ALLOWED_FIELDS = {
    "people",
    "gender",
    "age_band",
    "outcome",
    "place",
    "village",
    "occurred_at",
    "elderly",
    "disability",
    "note",
    "csrfmiddlewaretoken",
}


def field_names(html: str) -> set[str]:
    return set(re.findall(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', html))


def service_buttons(html: str) -> list[str]:
    return re.findall(r'class="toggle" aria-pressed="false" data-code="([^"]+)"', html)


def log(user, **values) -> SupportVisit:
    values.setdefault("services", ["other"])
    return record_visit(user, VisitInput(**values))[0]


def change(client, visit, **values):
    data = {"services": ["qr-payment"], "place": Place.HOME, "people": 3, **values}
    return client.post(reverse("support:change", args=[visit.pk]), data)


def test_it_asks_for_a_login(client, db):
    response = client.get(LOG)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_team_member_lands_on_the_logging_page_after_login(client, world):
    response = client.post(
        reverse("login"), {"username": "tovien", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == LOG
    assert "Ghi lượt hỗ trợ" in response.content.decode()


def test_it_asks_nothing_about_the_citizens_identity(client, world):
    log(world.member)
    client.force_login(world.member)
    html = client.get(LOG).content.decode()
    assert field_names(html) <= ALLOWED_FIELDS
    for words in ("CCCD", "Căn cước", "Họ và tên", "Ngày sinh", "Số điện thoại"):
        assert words not in html


def test_it_offers_the_services_the_commune_used_most_in_90_days_first(client, world):
    now = timezone.now()
    for code in ("anti-fraud", "anti-fraud", "qr-payment"):
        log(world.leader, services=[code], occurred_at=now)
    # Older visits and other communes' visits do not count.
    old = now - datetime.timedelta(days=91)
    for _ in range(3):
        log(world.leader, services=["health-book"], occurred_at=old)
        log(world.outsider, services=["dvc-lookup"], team_id=world.tanky.village_teams[0].pk)
    client.force_login(world.member)
    codes = service_buttons(client.get(LOG).content.decode())
    assert codes[:3] == ["anti-fraud", "qr-payment", "vneid-register"]
    assert "health-book" in codes and "dvc-lookup" in codes


def test_the_place_is_the_village_cultural_house_for_a_village_team(client, world):
    client.force_login(world.member)
    response = client.get(LOG)
    assert response.context["place"] == Place.CULTURAL_HOUSE
    assert response.context["villages"] == []  # the village team's village is implied


def test_the_place_is_the_service_centre_for_the_commune_team(client, world):
    cm = world.chiminh
    member = Member.objects.create(full_name="Lê Văn Xã", commune=cm.commune)
    Membership.objects.create(team=cm.commune_team, member=member)
    client.force_login(make_user("toxa", UserRole.TEAM_MEMBER, member=member))
    response = client.get(LOG)
    assert response.context["place"] == Place.SERVICE_CENTRE
    assert [v.code for v in response.context["villages"]] == ["11131-01", "11131-02"]


def test_the_place_is_where_the_member_is_on_duty(client, world):
    cm = world.chiminh
    centre = DutyPlace.objects.create(
        commune=cm.commune, kind=PlaceKind.SERVICE_CENTRE, name="TTPVHCC"
    )
    now = timezone.now()
    shift = Shift.objects.create(
        place=centre,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )
    Assignment.objects.create(shift=shift, member=cm.members[1], checked_in_at=now)
    client.force_login(world.member)
    assert client.get(LOG).context["place"] == Place.SERVICE_CENTRE


def test_it_shows_the_members_own_visits_of_today_and_their_count(client, world):
    log(world.member, people=2, services=["qr-payment"])
    log(world.leader, people=7)
    client.force_login(world.member)
    response = client.get(LOG)
    assert response.context["today"] == {"visits": 1, "people": 2}
    html = response.content.decode()
    assert 'id="today-visits">1<' in html and 'id="today-people">2<' in html
    assert html.count("data-edit") == 1
    assert "Quét QR, chuyển khoản" in html


def test_the_today_fragment_has_the_list_and_the_count(client, world):
    log(world.member, people=4)
    client.force_login(world.member)
    response = client.get(reverse("support:today"))
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="today"')
    assert 'data-visits="1" data-people="4"' in html


def test_the_page_makes_the_same_queries_for_one_visit_or_many(
    client, world, django_assert_num_queries
):
    client.force_login(world.member)
    log(world.member)
    client.get(LOG)  # the session is warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(LOG)
    for _ in range(5):
        log(world.member, services=["qr-payment", "other"])
    with django_assert_num_queries(len(one)):
        client.get(LOG)


def test_a_member_corrects_their_own_visit_and_the_audit_names_them(client, world):
    visit = log(world.member)
    client.force_login(world.member)
    response = change(client, visit, gender="female", age_band="60_plus")
    assert response.status_code == 200
    assert 'id="today"' in response.content.decode()
    visit.refresh_from_db()
    assert (visit.people, visit.place, visit.gender, visit.elderly) == (3, "home", "female", True)
    assert [s.code for s in visit.services.all()] == ["qr-payment"]
    entry = LogEntry.objects.get_for_object(visit).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.actor == world.member


def test_a_bad_correction_is_refused_in_vietnamese(client, world):
    visit = log(world.member)
    client.force_login(world.member)
    response = change(client, visit, services=[], people=0)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"people"}  # the form stops what is not a number in range first
    response = change(client, visit, services=[])
    assert response.json()["errors"] == {"services": "Hãy chọn ít nhất một dịch vụ đã hỗ trợ."}
    visit.refresh_from_db()
    assert visit.people == 1


def test_a_member_cannot_touch_another_members_visit(client, world):
    theirs = log(world.leader)  # same team, another member
    client.force_login(world.member)
    assert change(client, theirs).status_code == 404
    assert client.post(reverse("support:delete", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.people == 1


def test_a_leader_cannot_correct_a_members_visit(client, world):
    visit = log(world.member)
    client.force_login(world.leader)
    response = change(client, visit)
    assert response.status_code == 403
    assert "của mình" in response.json()["detail"]


def test_yesterdays_visit_can_no_longer_be_corrected(client, world):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        old = log(world.member)
    client.force_login(world.member)
    assert change(client, old).status_code == 403
    assert client.post(reverse("support:delete", args=[old.pk])).status_code == 403
    assert "data-edit" not in client.get(LOG).content.decode()


def test_an_outsider_sees_nothing_and_touches_nothing(client, world):
    visit = log(world.member)
    client.force_login(world.outsider)
    response = client.get(LOG)
    assert response.status_code == 200
    assert "dành cho thành viên" in response.content.decode()
    assert client.get(reverse("support:today")).status_code == 404
    assert change(client, visit).status_code == 404
    assert client.post(reverse("support:delete", args=[visit.pk])).status_code == 404
    assert SupportVisit.objects.filter(pk=visit.pk, people=1).exists()


def test_a_member_deletes_their_own_visit_from_the_page(client, world):
    visit = log(world.member)
    client.force_login(world.member)
    response = client.post(reverse("support:delete", args=[visit.pk]), headers={"X-Fragment": "1"})
    assert response.status_code == 200
    assert 'data-visits="0"' in response.content.decode()
    assert not SupportVisit.objects.filter(pk=visit.pk).exists()
    assert LogEntry.objects.filter(
        object_pk=str(visit.pk), action=LogEntry.Action.DELETE, actor=world.member
    ).exists()


def test_without_javascript_a_deletion_returns_to_the_page(client, world):
    visit = log(world.member)
    client.force_login(world.member)
    response = client.post(reverse("support:delete", args=[visit.pk]), follow=True)
    assert response.redirect_chain == [(LOG, 302)]
    assert "Đã xóa lượt hỗ trợ." in response.content.decode()


@pytest.mark.parametrize("method", ["get", "put"])
def test_changes_need_a_post(client, world, method):
    visit = log(world.member)
    client.force_login(world.member)
    response = getattr(client, method)(reverse("support:change", args=[visit.pk]))
    assert response.status_code == 405


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert 'const PAGE = "/ghi/";' in body
    assert '"/static/support/log.js"' in body and '"/static/css/hocvuso.css"' in body
    assert re.search(r'const CACHE = "hocvuso-ghi-[0-9a-f]{12}";', body)


def test_the_today_list_and_its_tally_count_the_same_visits(client, world):
    now = timezone.localtime()
    mine = log(world.member, people=2)
    # An officer's entry naming the member, for today: it counts, so it is listed.
    team = world.chiminh.village_teams[0]
    for_me = SupportVisit.objects.create(
        commune=team.commune,
        village=team.unit,
        team=team,
        member=world.member.member,
        occurred_at=now,
        place=Place.CULTURAL_HOUSE,
        people=3,
        created_by=world.commune,
    )
    # Logged today for yesterday: the report counts it yesterday, and so does the page.
    log(world.member, people=5, occurred_at=now - datetime.timedelta(days=1))
    log(world.leader, people=7)  # someone else's
    client.force_login(world.member)
    response = client.get(reverse("support:today"))
    html = response.content.decode()
    listed = [int(pk) for pk in re.findall(r'data-pk="(\d+)"', html)]
    assert sorted(listed) == sorted([mine.pk, for_me.pk])
    assert response.context["today"] == {"visits": 2, "people": 5}
    assert 'data-visits="2" data-people="5"' in html
