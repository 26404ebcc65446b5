"""The team pages: a leader's team, every team of the commune for its officer, and the scope."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hocvuso.learning.models import DigitalClass
from hocvuso.outreach.models import OutreachActivity
from hocvuso.support.models import Place, SupportVisit
from hocvuso.teams import services
from hocvuso.teams.models import Member
from hocvuso.teams.services import MemberInput

pytestmark = pytest.mark.usefixtures("in_march")


def team_url(team):
    return reverse("teams:detail", args=[team.pk])


def visit(team, member, day, people=1):
    return SupportVisit.objects.create(
        commune=team.commune,
        village=team.unit if team.unit_id != team.commune_id else None,
        team=team,
        member=member,
        occurred_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))),
        place=Place.CULTURAL_HOUSE,
        people=people,
    )


def test_it_sends_a_team_leader_from_home_to_their_team(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == team_url(world.chiminh.village_teams[0])
    assert response.context["team"] == world.chiminh.village_teams[0]


def test_it_shows_the_leader_the_members_and_their_visits_this_month(client, world):
    team = world.chiminh.village_teams[0]
    leader, member = world.chiminh.members[:2]
    visit(team, member, datetime.date(2026, 3, 10), people=4)
    visit(team, member, datetime.date(2026, 2, 27), people=9)  # last month: not counted
    client.force_login(world.leader)
    response = client.get(team_url(team))
    assert response.status_code == 200
    page = response.context["page"]
    counts = {row.member: row.month_people for row in page.members}
    assert counts == {leader: 1, member: 5}
    assert page.members[0].member == leader  # the leader comes first
    assert page.month_visits == {"records": 3, "people": 6}
    assert page.year_visits["people"] == 15
    html = response.content.decode()
    assert "Nguyễn Văn Trưởng Chí Minh 1" in html and "Tổ trưởng" in html
    assert 'id="fig-month-people">6<' in html


def test_it_lists_the_active_members_who_logged_nothing_this_month(client, world):
    team = world.chiminh.village_teams[0]
    leader, member = world.chiminh.members[:2]
    SupportVisit.objects.filter(member=member).delete()
    teacher = services.add_member(team, MemberInput("Đỗ Thị Giáo", phone="0912000111")).member
    trainer = services.add_member(team, MemberInput("Vũ Văn Lớp")).member
    DigitalClass.objects.create(
        commune=team.commune,
        team=team,
        member=trainer,
        held_on=datetime.date(2026, 3, 5),
        topic="Cài VNeID",
        citizens=12,
    )
    # The leader logged a visit this month; an activity alone would be enough too.
    client.force_login(world.leader)
    page = client.get(team_url(team)).context["page"]
    assert {row.member for row in page.idle} == {member, teacher}
    OutreachActivity.objects.create(
        commune=team.commune,
        team=team,
        member=member,
        held_on=datetime.date(2026, 3, 6),
        channel="loudspeaker",
        title="Phát loa",
    )
    page = client.get(team_url(team)).context["page"]
    assert {row.member for row in page.idle} == {teacher}
    assert "0912000111" in client.get(team_url(team)).content.decode()


def test_a_leader_of_one_village_sees_nothing_of_another(client, world):
    other = world.chiminh.village_teams[1]
    stranger = world.chiminh.members[3]
    client.force_login(world.leader)
    assert client.get(team_url(other)).status_code == 404
    assert client.get(reverse("teams:add_member", args=[other.pk])).status_code == 404
    response = client.post(reverse("teams:deactivate_member", args=[other.pk, stranger.pk]))
    assert response.status_code == 404
    index = client.get(reverse("teams:index"), follow=True)
    assert "Thôn 2" not in index.content.decode()
    stranger.refresh_from_db()
    assert stranger.is_active and stranger.memberships.get().ended_on is None


def test_an_officer_of_another_commune_gets_404(client, world):
    client.force_login(world.outsider)
    assert client.get(team_url(world.chiminh.village_teams[0])).status_code == 404


def test_a_team_member_does_not_open_the_team_pages(client, world):
    client.force_login(world.member)
    assert client.get(reverse("teams:index")).status_code == 403
    assert client.get(team_url(world.chiminh.village_teams[0])).status_code == 403


def test_the_commune_officer_sees_every_team_and_village_of_the_commune(client, world, village3):
    client.force_login(world.commune)
    response = client.get(reverse("teams:index"))
    assert response.status_code == 200
    [(commune, rows)] = response.context["communes"].items()
    assert commune == world.chiminh.commune
    assert [row.team for row in rows] == [world.chiminh.commune_team, *world.chiminh.village_teams]
    village_1 = rows[1]
    assert (village_1.leader, village_1.active_members, village_1.month_people) == (
        "Nguyễn Văn Trưởng Chí Minh 1",
        2,
        2,
    )
    assert [v.name for v in response.context["without_team"]] == ["Thôn 3"]
    assert client.get(team_url(world.chiminh.village_teams[1])).status_code == 200


def test_the_city_officer_reads_the_teams_but_does_not_manage_them(client, world):
    team = world.chiminh.village_teams[0]
    client.force_login(world.city)
    index = client.get(reverse("teams:index"))
    assert len(index.context["communes"]) == 2  # Chí Minh and Tân Kỳ
    response = client.get(team_url(team))
    assert response.status_code == 200 and not response.context["manages"]
    assert "Thêm thành viên" not in response.content.decode()
    assert client.get(reverse("teams:add_member", args=[team.pk])).status_code == 403


def test_the_team_page_takes_the_same_queries_for_more_members_and_visits(
    client, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    team = world.chiminh.village_teams[0]
    client.force_login(world.leader)
    with CaptureQueriesContext(connection) as before:
        client.get(team_url(team))
    for i in range(5):
        member = services.add_member(team, MemberInput(f"Thành Viên Số {i}")).member
        visit(team, member, datetime.date(2026, 3, 3 + i))
    services.deactivate_member(team.memberships.get(member__full_name="Thành Viên Số 0"))
    with django_assert_num_queries(len(before)):
        client.get(team_url(team))


def test_the_team_list_takes_the_same_queries_for_more_teams(
    client, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hocvuso.teams.models import Team, TeamLevel

    client.force_login(world.commune)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("teams:index"))
    extra = Team.objects.create(
        name="Tổ ứng cứu", level=TeamLevel.RAPID_RESPONSE, unit=world.chiminh.commune
    )
    services.add_member(extra, MemberInput("Lê Văn Ứng", role="leader"))
    visit(extra, Member.objects.get(full_name="Lê Văn Ứng"), datetime.date(2026, 3, 4))
    with django_assert_num_queries(len(before)):
        client.get(reverse("teams:index"))
