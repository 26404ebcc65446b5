"""Teams, units, the service catalogue and the caller: what a phone needs to fill its forms."""

import datetime

import pytest
from django.utils import timezone

from hocvuso.support.models import Service
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.teams.models import Member, Membership, Role, Team
from hocvuso.units.models import Level, Unit

from .conftest import ids

PERSONAS = ["city", "commune", "leader", "member", "other_leader", "outsider", "far", "admin"]


def teams_of(commune_world):
    return {commune_world.commune_team.pk, *(t.pk for t in commune_world.village_teams)}


class TestTeams:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_each_role_lists_the_teams_in_its_scope(self, world, api, persona):
        cm, tk, hk = world.chiminh, world.tanky, world.farward
        expected = {
            "city": teams_of(cm) | teams_of(tk),
            "commune": teams_of(cm),
            "leader": {cm.village_teams[0].pk},
            "member": {cm.village_teams[0].pk},
            "other_leader": {cm.village_teams[1].pk},
            "outsider": teams_of(tk),
            "far": teams_of(hk),
            "admin": teams_of(cm) | teams_of(tk) | teams_of(hk),
        }[persona]
        response = getattr(api, persona).get("/teams")
        assert response.status_code == 200
        assert ids(response) == expected

    def test_members_come_with_their_role_leader_first(self, world, api):
        team = api.member.get("/teams").json()[0]
        assert team["level"] == "village" and team["level_label"] == "Tổ cấp thôn"
        assert team["unit"]["code"] == "11131-01" and team["commune"]["code"] == "11131"
        assert [(m["full_name"], m["role"], m["role_label"]) for m in team["members"]] == [
            ("Nguyễn Văn Trưởng Chí Minh 1", "leader", "Tổ trưởng"),
            ("Trần Thị Viên Chí Minh 1", "member", "Tổ viên"),
        ]

    def test_a_phone_number_shows_only_when_its_owner_agreed(self, world, api):
        leader, member = world.chiminh.members[0], world.chiminh.members[1]
        leader.phone, leader.publish_phone = "0912345678", True
        member.phone, member.publish_phone = "0987654321", False
        leader.save()
        member.save()
        for caller in (api.member, api.commune, api.admin):
            team = next(t for t in caller.get("/teams").json() if t["unit"]["code"] == "11131-01")
            phones = {m["full_name"]: m["phone"] for m in team["members"]}
            assert phones == {leader.full_name: "0912345678", member.full_name: None}
        assert "0987654321" not in api.commune.get("/teams").text

    def test_former_members_and_closed_teams_are_left_out(self, world, api):
        team = world.chiminh.village_teams[0]
        Membership.objects.filter(team=team, role=Role.MEMBER).update(
            ended_on=datetime.date(2026, 1, 1)
        )
        Team.objects.filter(pk=world.chiminh.village_teams[1].pk).update(
            active_to=datetime.date(2026, 1, 1)
        )
        listed = {t["id"]: t for t in api.commune.get("/teams").json()}
        assert world.chiminh.village_teams[1].pk not in listed
        assert [m["role"] for m in listed[team.pk]["members"]] == ["leader"]

    def test_the_number_of_queries_does_not_grow(self, world, api, django_assert_max_num_queries):
        caller = api.commune
        caller.get("/teams")
        for i in range(10):
            team = Team.objects.create(name=f"Tổ {i}", level="commune", unit=world.chiminh.commune)
            for j in range(3):
                member = Member.objects.create(full_name=f"Người {i}-{j}", commune=team.commune)
                Membership.objects.create(team=team, member=member)
        # The token, the caller's scope, the teams and their members: fixed, whatever the rows.
        with django_assert_max_num_queries(6):
            assert len(caller.get("/teams").json()) == 13


class TestUnits:
    @pytest.mark.parametrize(
        "persona,communes",
        [
            ("city", {"11131", "11132"}),
            ("commune", {"11131"}),
            ("leader", {"11131"}),
            ("member", {"11131"}),
            ("outsider", {"11132"}),
            ("far", {"70"}),
            ("admin", {"11131", "11132", "70"}),
        ],
    )
    def test_each_role_lists_the_communes_and_villages_in_its_scope(
        self, world, api, persona, communes
    ):
        units = getattr(api, persona).get("/units").json()
        codes = {u["code"] for u in units}
        expected = communes | {f"{c}-{i:02d}" for c in communes for i in (1, 2)}
        assert codes == expected
        assert {u["level"] for u in units} == {"commune", "village"}

    def test_villages_name_their_commune(self, world, api):
        village = next(u for u in api.member.get("/units").json() if u["code"] == "11131-02")
        assert village["parent"]["code"] == "11131"
        assert (village["kind"], village["kind_label"], village["level_label"]) == (
            "thon",
            "Thôn",
            "Thôn, bản, tổ dân phố",
        )

    def test_it_filters_by_level_and_commune(self, world, api):
        villages = api.city.get("/units", {"commune": "11132"}).json()
        assert {u["code"] for u in villages} == {"11132-01", "11132-02"}
        communes = api.city.get("/units", {"level": "commune"}).json()
        assert {u["code"] for u in communes} == {"11131", "11132"}
        assert api.city.get("/units", {"commune": "70"}).json() == []

    def test_an_unknown_level_is_refused(self, world, api):
        response = api.city.get("/units", {"level": "planet"})
        assert response.status_code == 422
        assert "commune" in response.json()["errors"]["level"]

    def test_a_unit_no_longer_valid_is_left_out(self, world, api):
        Unit.objects.filter(code="11131-02", level=Level.VILLAGE).update(
            valid_to=datetime.date(2025, 6, 30)
        )
        assert "11131-02" not in {u["code"] for u in api.commune.get("/units").json()}

    def test_the_number_of_queries_does_not_grow(self, world, api, django_assert_max_num_queries):
        caller = api.commune
        caller.get("/units")
        for i in range(3, 30):
            Unit.objects.create(
                level=Level.VILLAGE,
                kind="thon",
                code=f"11131-{i:02d}",
                name=f"Thôn {i}",
                short_name=f"Thôn {i}",
                parent=world.chiminh.commune,
            )
        with django_assert_max_num_queries(5):
            assert len(caller.get("/units").json()) == 30


class TestServices:
    def test_the_most_used_in_the_callers_commune_come_first(self, world, api):
        for _ in range(3):
            record_visit(world.member, VisitInput(services=["anti-fraud"]))
        record_visit(world.member, VisitInput(services=["health-book"]))
        # Another commune's habits do not change the order in Chí Minh.
        for _ in range(5):
            record_visit(world.outsider, VisitInput(services=["dvc-lookup"], village="11132-01"))
        codes = [s["code"] for s in api.member.get("/services").json()]
        assert codes[:2] == ["anti-fraud", "health-book"]
        assert codes.index("dvc-lookup") > 2
        first = api.member.get("/services").json()[0]
        assert first["uses"] == 3 and first["short_name"] == "Phòng chống lừa đảo"
        assert api.outsider.get("/services").json()[0]["code"] == "dvc-lookup"

    def test_visits_older_than_ninety_days_do_not_count(self, world, api):
        long_ago = timezone.now() - datetime.timedelta(days=120)
        for _ in range(3):
            record_visit(world.member, VisitInput(services=["anti-fraud"], occurred_at=long_ago))
        assert api.member.get("/services").json()[0]["code"] != "anti-fraud"

    def test_inactive_services_and_other_provinces_apps_are_left_out(self, world, api):
        Service.objects.filter(code="other").update(is_active=False)
        Service.objects.create(
            code="smart-hanoi", name="iHanoi", short_name="iHanoi", province=world.hanoi
        )
        codes = {s["code"] for s in api.member.get("/services").json()}
        assert "other" not in codes and "smart-hanoi" not in codes and "qr-payment" in codes
        assert "smart-hanoi" in {s["code"] for s in api.far.get("/services").json()}

    def test_the_number_of_queries_is_fixed(self, world, api, django_assert_max_num_queries):
        caller = api.member
        caller.get("/services")
        with django_assert_max_num_queries(5):
            caller.get("/services")


class TestMe:
    def test_a_member_learns_their_team_and_where_they_log_by_default(self, world, api):
        me = api.member.get("/me").json()
        team = world.chiminh.village_teams[0]
        assert (me["username"], me["role"], me["role_label"]) == ("tovien", "member", "Tổ viên")
        assert me["member"]["commune"]["code"] == "11131" and me["unit"] is None
        assert me["teams"] == [
            {
                "id": team.pk,
                "name": team.name,
                "level": "village",
                "role": "member",
                "role_label": "Tổ viên",
            }
        ]
        assert me["defaults"] == {
            "team": {"id": team.pk, "name": team.name},
            "village": {"id": team.unit.pk, "code": "11131-01", "name": "Thôn 1"},
            "place": "cultural_house",
            "place_label": "Nhà văn hóa thôn",
            "duty_place": None,
        }

    def test_a_member_on_duty_logs_where_the_shift_is(self, world, api):
        from hocvuso.roster.models import Assignment, DutyPlace, Shift

        centre = DutyPlace.objects.create(
            commune=world.chiminh.commune, kind="centre", name="Trung tâm PVHCC xã Chí Minh"
        )
        now = timezone.now()
        shift = Shift.objects.create(
            place=centre,
            starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(hours=3),
        )
        assignment = Assignment.objects.create(shift=shift, member=world.chiminh.members[1])
        # Rostered but not yet checked in: the village is still the default.
        assert api.member.get("/me").json()["defaults"]["place"] == "cultural_house"
        assignment.checked_in_at = now
        assignment.save()
        defaults = api.member.get("/me").json()["defaults"]
        assert (defaults["place"], defaults["village"], defaults["duty_place"]) == (
            "centre",
            None,
            "Trung tâm PVHCC xã Chí Minh",
        )

    def test_a_leader_is_told_their_role_in_the_team(self, world, api):
        me = api.leader.get("/me").json()
        assert me["role"] == "leader" and me["teams"][0]["role_label"] == "Tổ trưởng"

    @pytest.mark.parametrize(
        "persona,role,unit",
        [("city", "city", "31"), ("commune", "commune", "11131"), ("outsider", "commune", "11132")],
    )
    def test_an_officer_learns_their_unit_and_logs_at_the_centre(
        self, world, api, persona, role, unit
    ):
        me = getattr(api, persona).get("/me").json()
        assert (me["role"], me["unit"]["code"], me["member"], me["teams"]) == (
            role,
            unit,
            None,
            [],
        )
        assert me["defaults"]["place"] == "centre" and me["defaults"]["village"] is None

    def test_an_administrator_is_named_so(self, world, api):
        me = api.admin.get("/me").json()
        assert (me["role"], me["role_label"]) == ("admin", "Quản trị hệ thống")
