"""Adding, editing, deactivating and reactivating a member: history kept, visits still counted."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from hocvuso.accounts.scoping import scope_for
from hocvuso.core.periods import Period
from hocvuso.support import figures as visit_figures
from hocvuso.teams.models import Member, Membership, Role

pytestmark = pytest.mark.usefixtures("in_march")

NEW_MEMBER = {
    "full_name": "  Đỗ   Thị Hoa ",
    "role": "member",
    "affiliation": "youth_union",
    "phone": "0912 345 678",
    "position": "Bí thư chi đoàn",
    "started_on": "2026-03-15",
}


def test_the_leader_adds_a_member_to_the_team(client, world):
    team = world.chiminh.village_teams[0]
    client.force_login(world.leader)
    response = client.post(reverse("teams:add_member", args=[team.pk]), NEW_MEMBER)
    assert response.status_code == 302
    member = Member.objects.get(full_name="Đỗ Thị Hoa")
    assert (member.commune, member.phone, member.affiliation) == (
        world.chiminh.commune,
        "0912345678",
        "youth_union",
    )
    membership = member.memberships.get()
    assert (membership.team, membership.role, membership.started_on) == (
        team,
        Role.MEMBER,
        datetime.date(2026, 3, 15),
    )
    entry = LogEntry.objects.get_for_object(member).get()
    assert entry.actor == world.leader
    page = client.get(reverse("teams:detail", args=[team.pk]))
    assert "Đã thêm Đỗ Thị Hoa vào tổ." in page.content.decode()


def test_it_refuses_a_bad_phone_and_a_second_leader_in_vietnamese(client, world):
    team = world.chiminh.village_teams[0]
    client.force_login(world.commune)
    url = reverse("teams:add_member", args=[team.pk])
    response = client.post(url, {**NEW_MEMBER, "phone": "12345"})
    assert response.status_code == 200
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    response = client.post(url, {**NEW_MEMBER, "role": "leader"})
    assert "Tổ đã có tổ trưởng (Nguyễn Văn Trưởng Chí Minh 1)" in response.content.decode()
    response = client.post(url, {**NEW_MEMBER, "full_name": "Hoa"})
    assert "Hãy ghi đủ họ và tên" in response.content.decode()
    assert not Member.objects.filter(full_name__contains="Hoa").exists()


def test_the_leader_edits_a_member(client, world):
    team = world.chiminh.village_teams[0]
    member = world.chiminh.members[1]
    client.force_login(world.leader)
    url = reverse("teams:change_member", args=[team.pk, member.pk])
    assert client.get(url).context["form"].initial["full_name"] == member.full_name
    response = client.post(url, {**NEW_MEMBER, "full_name": "Trần Thị Viên Mới", "role": "deputy"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.full_name == "Trần Thị Viên Mới" and member.phone == "0912345678"
    assert member.memberships.get().role == Role.DEPUTY


def test_deactivating_keeps_the_history_and_every_past_visit_counted(client, world):
    team = world.chiminh.village_teams[0]
    member = world.chiminh.members[1]
    march = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    commune_ids = [world.chiminh.commune.pk]
    before = visit_figures.for_period(commune_ids, march)["people"]
    client.force_login(world.admin)
    dashboard_before = dict(client.get(reverse("home")).context["figures"])

    client.force_login(world.leader)
    response = client.post(reverse("teams:deactivate_member", args=[team.pk, member.pk]))
    assert response.status_code == 302

    membership = Membership.objects.get(member=member)
    member.refresh_from_db()
    assert membership.ended_on == datetime.date(2026, 3, 20)
    assert not member.is_active
    assert scope_for(type(world.member).objects.get(pk=world.member.pk)).kind == "nothing"
    # The member and their visit are still there, and counted everywhere.
    assert member.support_visits.count() == 1
    assert visit_figures.for_period(commune_ids, march)["people"] == before
    page = client.get(reverse("teams:detail", args=[team.pk])).context["page"]
    assert page.month_visits["people"] == 2
    assert [row.member for row in page.members] == [world.chiminh.members[0]]
    assert [row.member for row in page.former] == [member]
    assert page.former[0].month_people == 1
    client.force_login(world.admin)
    dashboard_after = dict(client.get(reverse("home")).context["figures"])
    assert dashboard_after["Lượt hỗ trợ (bản ghi)"] == dashboard_before["Lượt hỗ trợ (bản ghi)"]
    assert dashboard_after["Thành viên"] == dashboard_before["Thành viên"]
    client.force_login(world.commune)
    rows = client.get(reverse("teams:index")).context["communes"][world.chiminh.commune]
    village_1 = next(row for row in rows if row.team == team)
    assert (village_1.active_members, village_1.month_people) == (1, 2)


def test_a_member_in_another_team_stays_active_when_leaving_one(world):
    from hocvuso.teams.services import deactivate_member

    member = world.chiminh.members[1]
    Membership.objects.create(team=world.chiminh.commune_team, member=member)
    deactivate_member(member.memberships.get(team=world.chiminh.village_teams[0]))
    member.refresh_from_db()
    assert member.is_active


def test_a_leader_cannot_deactivate_themselves(client, world):
    team = world.chiminh.village_teams[0]
    client.force_login(world.leader)
    response = client.post(
        reverse("teams:deactivate_member", args=[team.pk, world.chiminh.members[0].pk]),
        follow=True,
    )
    assert "Bạn không thể tự cho mình ngừng hoạt động" in response.content.decode()
    assert Membership.objects.get(member=world.chiminh.members[0]).ended_on is None


def test_reactivating_opens_a_new_membership_and_keeps_the_old_one(client, world):
    team = world.chiminh.village_teams[0]
    member = world.chiminh.members[1]
    client.force_login(world.commune)
    client.post(reverse("teams:deactivate_member", args=[team.pk, member.pk]))
    response = client.post(reverse("teams:reactivate_member", args=[team.pk, member.pk]))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active
    memberships = list(member.memberships.order_by("pk"))
    assert [m.ended_on for m in memberships] == [datetime.date(2026, 3, 20), None]
    assert memberships[1].role == Role.MEMBER


def test_the_pages_only_take_posts_for_changes(client, world):
    team = world.chiminh.village_teams[0]
    client.force_login(world.leader)
    url = reverse("teams:deactivate_member", args=[team.pk, world.chiminh.members[1].pk])
    assert client.get(url).status_code == 405


def test_enrolling_puts_a_known_member_in_a_second_team_with_one_leader_each(world):
    from django.core.exceptions import ValidationError

    from hocvuso.teams.services import enrol

    commune_team = world.chiminh.commune_team
    member = world.chiminh.members[1]
    membership = enrol(commune_team, member, Role.MEMBER, None, world.commune)
    assert (membership.team, membership.member, membership.started_on) == (
        commune_team,
        member,
        None,
    )
    entry = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.CREATE)
    assert entry.actor == world.commune
    # The commune team has no leader yet: the first one is taken, a second refused.
    leader = world.chiminh.members[2]
    enrol(commune_team, leader, Role.LEADER, None, world.commune)
    with pytest.raises(ValidationError) as error:
        enrol(commune_team, world.chiminh.members[3], Role.LEADER, None, world.commune)
    assert error.value.message_dict["role"] == [
        f"Tổ đã có tổ trưởng ({leader.full_name}). Mỗi tổ chỉ có một tổ trưởng."
    ]
    assert commune_team.memberships.count() == 2
