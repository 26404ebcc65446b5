"""Support visits through the API: each role sees, logs, corrects and deletes what it may."""

import datetime
import uuid

import pytest
import time_machine
from auditlog.models import LogEntry
from django.utils import timezone

from hocvuso.support.models import Service, SupportVisit
from hocvuso.support.services import VisitInput, record_visit

from .conftest import ids


def _pks(visits):
    return {visit.pk for visit in visits}


def visible(world, persona):
    cm, tk, hk = world.chiminh.visits, world.tanky.visits, world.farward.visits
    return {
        "city": _pks(cm + tk),
        "commune": _pks(cm),
        "leader": _pks(cm[0:2]),  # the team of village 1: its leader's and its member's
        "member": _pks(cm[1:2]),  # their own
        "other_leader": _pks(cm[2:4]),
        "outsider": _pks(tk),
        "far": _pks(hk),
        "admin": _pks(cm + tk + hk),
    }[persona]


def new_visit(**fields):
    return {"client_key": str(uuid.uuid4()), "services": ["vneid-activate"], **fields}


PERSONAS = ["city", "commune", "leader", "member", "other_leader", "outsider", "far", "admin"]


class TestList:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_each_role_lists_only_the_visits_in_its_scope(self, world, api, persona):
        response = getattr(api, persona).get("/visits")
        assert response.status_code == 200
        assert ids(response) == visible(world, persona)
        assert response.json()["count"] == len(visible(world, persona))

    def test_it_answers_codes_and_vietnamese_labels(self, world, api):
        item = api.member.get("/visits").json()["items"][0]
        assert item["place"] == "cultural_house" and item["place_label"] == "Nhà văn hóa thôn"
        assert item["village"] == {
            "id": world.chiminh.villages[0].pk,
            "code": "11131-01",
            "name": "Thôn 1",
        }
        assert item["occurred_at"] == "2026-03-02T09:00:00+07:00"
        assert {s["code"] for s in item["services"]} == {"vneid-register", "vneid-activate"}
        assert item["gender_label"] == "Không ghi" and item["outcome_label"] == "Hoàn thành"

    def test_it_filters_by_dates_team_and_village(self, world, api):
        team = world.chiminh.village_teams[1]
        later = timezone.make_aware(datetime.datetime(2026, 3, 10, 23, 30))
        with time_machine.travel(later, tick=False):
            late, _ = record_visit(
                world.commune, VisitInput(services=["other"], team_id=team.pk, occurred_at=later)
            )
        caller = api.commune
        assert ids(caller.get("/visits", {"from": "2026-03-10"})) == {late.pk}
        assert ids(caller.get("/visits", {"to": "2026-03-09"})) == visible(world, "commune")
        assert ids(caller.get("/visits", {"from": "2026-03-10", "to": "2026-03-10"})) == {late.pk}
        assert ids(caller.get("/visits", {"team": team.pk})) == _pks(world.chiminh.visits[2:4]) | {
            late.pk
        }
        assert ids(caller.get("/visits", {"village": "11131-01"})) == _pks(
            world.chiminh.visits[0:2]
        )
        # A filter never widens the scope.
        assert ids(caller.get("/visits", {"village": "11132-01"})) == set()
        assert ids(caller.get("/visits", {"team": world.tanky.village_teams[0].pk})) == set()

    def test_it_pages(self, world, api):
        first = api.city.get("/visits", {"page_size": 3}).json()
        second = api.city.get("/visits", {"page_size": 3, "page": 2}).json()
        last = api.city.get("/visits", {"page_size": 3, "page": 3}).json()
        assert first["count"] == 8 and (first["page"], first["page_size"]) == (1, 3)
        assert len(first["items"]) == 3 and len(second["items"]) == 3 and len(last["items"]) == 2
        seen = [v["id"] for page in (first, second, last) for v in page["items"]]
        assert set(seen) == visible(world, "city") and len(seen) == 8
        assert api.city.get("/visits", {"page": 99}).json()["items"] == []

    @pytest.mark.parametrize(
        "params,field",
        [
            ({"page": 0}, "page"),
            ({"page_size": 1000}, "page_size"),
            ({"from": "02/03/2026"}, "from"),
            ({"to": "0001-01-01"}, "to"),
            ({"team": "to-1"}, "team"),
            ({"team": "99999999999999999999999"}, "team"),
            ({"village": "x" * 200}, "village"),
            ({"village": "11131\x0001"}, "village"),
        ],
    )
    def test_bad_filters_answer_422_with_the_field(self, world, api, params, field):
        response = api.commune.get("/visits", params)
        assert response.status_code == 422
        assert field in response.json()["errors"]

    def test_the_number_of_queries_does_not_grow_with_the_visits(
        self, world, api, django_assert_max_num_queries
    ):
        caller = api.leader
        caller.get("/visits")  # the token's first use is written once
        services = list(Service.objects.all()[:3])
        team = world.chiminh.village_teams[0]
        for _ in range(30):
            visit = SupportVisit.objects.create(
                commune=team.commune,
                village=team.unit,
                team=team,
                member=world.chiminh.members[0],
                occurred_at=timezone.now(),
                place="centre",
            )
            visit.services.set(services)
        # 7, and 4 once for the caller's commune words and settings (its place labels).
        with django_assert_max_num_queries(11):
            response = caller.get("/visits")
        assert response.json()["count"] == 32


class TestDetail:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_each_role_opens_a_visit_in_scope_and_gets_404_outside(self, world, api, persona):
        caller = getattr(api, persona)
        everything = visible(world, "admin")
        for pk in everything:
            expected = 200 if pk in visible(world, persona) else 404
            assert caller.get(f"/visits/{pk}").status_code == expected

    def test_outside_the_scope_looks_like_nothing_at_all(self, world, api):
        outside = api.outsider.get(f"/visits/{world.chiminh.visits[0].pk}")
        missing = api.outsider.get("/visits/987654")
        assert outside.status_code == missing.status_code == 404
        assert outside.json() == missing.json()

    def test_it_says_whether_the_caller_may_change_the_visit(self, world, api):
        with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
            own_old, _ = record_visit(world.member, VisitInput(services=["other"]))
        assert api.member.get(f"/visits/{own_old.pk}").json()["may_change"] is False
        assert api.commune.get(f"/visits/{own_old.pk}").json()["may_change"] is True
        fresh = api.member.post("/visits", new_visit()).json()
        assert fresh["may_change"] is True


class TestCreate:
    def test_a_member_logs_a_visit_for_their_team_and_village(self, world, api):
        body = new_visit(people=2, gender="female", age_band="60_plus", outcome="partly")
        response = api.member.post("/visits", body)
        assert response.status_code == 201
        visit = SupportVisit.objects.get(client_key=body["client_key"])
        team = world.chiminh.village_teams[0]
        assert (visit.team, visit.village, visit.member) == (
            team,
            team.unit,
            world.chiminh.members[1],
        )
        assert visit.people == 2 and visit.elderly and visit.created_by == world.member
        assert response.json()["id"] == visit.pk and response.json()["elderly"] is True
        entry = LogEntry.objects.get_for_object(visit).get(action=LogEntry.Action.CREATE)
        assert entry.actor == world.member

    def test_logging_a_visit_takes_the_same_few_queries_however_many_there_are(
        self, world, api, django_assert_num_queries
    ):
        caller = api.member
        caller.post("/visits", new_visit())  # the token's first use is written once
        # The token with its member, the client_key, the member's teams, the services, the
        # default team, the shift, the visit with its services and audit entries (three
        # INSERTs in a transaction), its day's and its month's totals (an upsert a table, four
        # tables: support.totals), the services read back, may_change, the place's words.
        with django_assert_num_queries(19):
            assert caller.post("/visits", new_visit()).status_code == 201
        team = world.chiminh.village_teams[0]
        for _ in range(20):
            caller.post("/visits", new_visit(services=["vneid-activate", "dvc-filing"]))
        with django_assert_num_queries(19):
            response = caller.post("/visits", new_visit(services=["vneid-activate", "other"]))
        assert response.status_code == 201 and response.json()["team"]["id"] == team.pk

    def test_the_same_client_key_twice_saves_one_visit_and_answers_200(self, world, api):
        body = new_visit()
        first = api.member.post("/visits", body)
        again = api.member.post("/visits", body)
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()["id"] == again.json()["id"]
        assert SupportVisit.objects.filter(client_key=body["client_key"]).count() == 1

    def test_a_resend_with_other_fields_still_returns_the_first_save(self, world, api):
        body = new_visit(people=1)
        first = api.member.post("/visits", body).json()
        again = api.member.post("/visits", {**body, "people": 9})
        assert again.status_code == 200 and again.json()["people"] == first["people"] == 1

    def test_someone_elses_client_key_is_refused(self, world, api):
        body = new_visit()
        api.member.post("/visits", body)
        response = api.outsider.post("/visits", body)
        assert response.status_code == 403
        assert SupportVisit.objects.filter(client_key=body["client_key"]).count() == 1

    def test_a_leader_logs_for_their_team_not_another(self, world, api):
        mine = world.chiminh.village_teams[0]
        other = world.chiminh.village_teams[1]
        assert api.leader.post("/visits", new_visit(team=mine.pk)).status_code == 201
        refused = api.leader.post("/visits", new_visit(team=other.pk))
        assert refused.status_code == 422 and "team" in refused.json()["errors"]

    def test_a_member_cannot_log_in_a_village_of_another_commune(self, world, api):
        response = api.member.post("/visits", new_visit(village="11132-01"))
        assert response.status_code == 422
        assert response.json()["errors"]["village"] == "Không có thôn này trong xã Chí Minh."

    def test_a_commune_officer_logs_for_any_team_of_the_commune_only(self, world, api):
        team = world.chiminh.village_teams[1]
        created = api.commune.post("/visits", new_visit(team=team.pk))
        assert created.status_code == 201 and created.json()["member"] is None
        foreign = api.commune.post("/visits", new_visit(team=world.tanky.village_teams[0].pk))
        assert foreign.status_code == 422 and "team" in foreign.json()["errors"]

    def test_an_officer_of_several_communes_names_the_commune_through_a_village(self, world, api):
        vague = api.admin.post("/visits", new_visit())
        assert vague.status_code == 422 and "commune" in vague.json()["errors"]
        placed = api.admin.post("/visits", new_visit(village="11132-02"))
        assert placed.status_code == 201
        assert placed.json()["commune"]["code"] == "11132"

    def test_a_city_officer_logs_no_visit(self, world, api):
        before = SupportVisit.objects.count()
        response = api.city.post("/visits", new_visit(village="11132-02"))
        assert response.status_code == 403
        assert (
            response.json()["detail"]
            == "Cán bộ tỉnh, thành phố chỉ được xem dữ liệu của xã, phường."
        )
        assert SupportVisit.objects.count() == before

    def test_a_provinces_own_app_is_logged_in_that_province_only(self, world, api):
        own = api.member.post("/visits", new_visit(services=["smart-haiphong"]))
        assert own.status_code == 201
        foreign = api.far.post("/visits", new_visit(services=["smart-haiphong"]))
        assert foreign.status_code == 422
        assert foreign.json()["errors"]["services"] == (
            "Dịch vụ “Smart Hải Phòng” chỉ dùng ở thành phố Hải Phòng, "
            "không dùng được ở xã Hoàn Kiếm."
        )

    def test_the_outsider_logs_in_their_own_commune(self, world, api):
        response = api.outsider.post("/visits", new_visit(village="11132-01"))
        assert response.status_code == 201
        refused = api.outsider.post("/visits", new_visit(village="11131-01"))
        assert refused.status_code == 422

    def test_every_mistake_is_named_in_vietnamese(self, world, api):
        response = api.member.post(
            "/visits",
            new_visit(
                services=[],
                people=0,
                place="moon",
                gender="x",
                age_band="y",
                outcome="z",
                occurred_at=(timezone.now() + datetime.timedelta(days=2)).isoformat(),
            ),
        )
        assert response.status_code == 422
        body = response.json()
        assert body["detail"] == "Dữ liệu không hợp lệ."
        assert body["errors"]["services"] == "Hãy chọn ít nhất một dịch vụ đã hỗ trợ."
        assert body["errors"]["people"] == "Số người phải từ 1 đến 1000."
        assert set(body["errors"]) >= {"place", "gender", "age_band", "outcome", "occurred_at"}

    def test_an_unknown_service_is_named(self, world, api):
        response = api.member.post("/visits", new_visit(services=["other", "bay-bay"]))
        assert response.json()["errors"]["services"] == "Không có dịch vụ: bay-bay."

    def test_a_time_without_a_zone_is_vietnams(self, world, api):
        response = api.member.post("/visits", new_visit(occurred_at="2026-03-02T08:15:00"))
        assert response.json()["occurred_at"] == "2026-03-02T08:15:00+07:00"


class TestChange:
    def test_a_member_corrects_their_own_visit_the_same_day(self, world, api):
        created = api.member.post("/visits", new_visit(people=1)).json()
        response = api.member.patch(
            f"/visits/{created['id']}", {"people": 3, "services": ["qr-payment"]}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["people"] == 3 and [s["code"] for s in body["services"]] == ["qr-payment"]
        visit = SupportVisit.objects.get(pk=created["id"])
        assert visit.people == 3 and visit.village == world.chiminh.villages[0]
        entry = LogEntry.objects.get_for_object(visit).filter(action=LogEntry.Action.UPDATE)
        assert entry.latest("timestamp").actor == world.member

    def test_fields_not_sent_are_kept(self, world, api):
        created = api.member.post(
            "/visits", new_visit(gender="male", note="Hướng dẫn cài VNeID")
        ).json()
        body = api.member.patch(f"/visits/{created['id']}", {"outcome": "referred"}).json()
        assert (body["gender"], body["note"], body["outcome"]) == (
            "male",
            "Hướng dẫn cài VNeID",
            "referred",
        )
        assert body["services"] == created["services"]

    def test_the_village_can_be_cleared_but_a_required_field_cannot_be_nulled(self, world, api):
        created = api.commune.post("/visits", new_visit(village="11131-02")).json()
        cleared = api.commune.patch(f"/visits/{created['id']}", {"village": None})
        assert cleared.status_code == 200 and cleared.json()["village"] is None
        nulled = api.commune.patch(f"/visits/{created['id']}", {"services": None, "people": None})
        assert nulled.status_code == 422
        assert set(nulled.json()["errors"]) == {"services", "people"}

    def test_a_member_cannot_change_yesterdays_visit(self, world, api):
        with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
            old, _ = record_visit(world.member, VisitInput(services=["other"]))
        response = api.member.patch(f"/visits/{old.pk}", {"people": 5})
        assert response.status_code == 403
        assert response.json()["detail"] == "Bạn chỉ sửa được lượt hỗ trợ của mình, trong ngày."
        assert api.member.delete(f"/visits/{old.pk}").status_code == 403
        old.refresh_from_db()
        assert old.people == 1

    def test_a_leader_sees_a_members_visit_but_cannot_change_it(self, world, api):
        theirs = api.member.post("/visits", new_visit()).json()
        assert api.leader.get(f"/visits/{theirs['id']}").status_code == 200
        assert api.leader.patch(f"/visits/{theirs['id']}", {"people": 2}).status_code == 403
        assert api.leader.delete(f"/visits/{theirs['id']}").status_code == 403

    def test_a_member_cannot_see_or_change_the_leaders_visit(self, world, api):
        leaders = world.chiminh.visits[0]
        assert api.member.patch(f"/visits/{leaders.pk}", {"people": 2}).status_code == 404
        assert api.member.delete(f"/visits/{leaders.pk}").status_code == 404

    def test_an_officer_corrects_any_visit_of_the_commune(self, world, api):
        old = world.chiminh.visits[1]
        response = api.commune.patch(f"/visits/{old.pk}", {"people": 4})
        assert response.status_code == 200
        old.refresh_from_db()
        assert old.people == 4

    @pytest.mark.parametrize("persona", ["outsider", "far", "other_leader"])
    def test_outside_the_scope_a_change_is_not_found(self, world, api, persona):
        visit = world.chiminh.visits[0]
        caller = getattr(api, persona)
        assert caller.patch(f"/visits/{visit.pk}", {"people": 9}).status_code == 404
        assert caller.delete(f"/visits/{visit.pk}").status_code == 404
        visit.refresh_from_db()
        assert visit.people == 1

    def test_a_bad_correction_is_named_and_saves_nothing(self, world, api):
        created = api.member.post("/visits", new_visit()).json()
        response = api.member.patch(f"/visits/{created['id']}", {"people": 0, "place": "moon"})
        assert response.status_code == 422
        assert set(response.json()["errors"]) == {"people", "place"}
        assert SupportVisit.objects.get(pk=created["id"]).people == 1

    def test_a_member_cannot_move_a_visit_to_another_team(self, world, api):
        created = api.member.post("/visits", new_visit()).json()
        other = world.chiminh.village_teams[1]
        response = api.member.patch(f"/visits/{created['id']}", {"team": other.pk})
        assert response.status_code == 422 and "team" in response.json()["errors"]


class TestDelete:
    def test_a_member_deletes_their_own_visit_the_same_day(self, world, api):
        created = api.member.post("/visits", new_visit()).json()
        response = api.member.delete(f"/visits/{created['id']}")
        assert response.status_code == 204 and response.content == b""
        assert not SupportVisit.objects.filter(pk=created["id"]).exists()
        assert LogEntry.objects.filter(
            object_pk=str(created["id"]), action=LogEntry.Action.DELETE, actor=world.member
        ).exists()
        assert api.member.delete(f"/visits/{created['id']}").status_code == 404

    def test_an_officer_deletes_a_visit_of_the_commune(self, world, api):
        visit = world.chiminh.visits[2]
        assert api.commune.delete(f"/visits/{visit.pk}").status_code == 204
        # The city reads its communes' visits and deletes none of them.
        assert api.city.delete(f"/visits/{world.tanky.visits[0].pk}").status_code == 403
        assert SupportVisit.objects.filter(pk=world.tanky.visits[0].pk).exists()
        assert api.city.delete(f"/visits/{world.farward.visits[0].pk}").status_code == 404


class TestToday:
    def test_it_counts_the_callers_own_visits_and_people_today(self, world, api):
        assert api.member.get("/visits/today").json() == {"visits": 0, "people": 0}
        api.member.post("/visits", new_visit(people=2))
        api.member.post("/visits", new_visit(people=3))
        api.leader.post("/visits", new_visit(people=7))
        assert api.member.get("/visits/today").json() == {"visits": 2, "people": 5}
        assert api.leader.get("/visits/today").json() == {"visits": 1, "people": 7}

    def test_an_officer_without_a_member_record_counts_nothing(self, world, api):
        api.commune.post("/visits", new_visit(village="11131-01"))
        assert api.commune.get("/visits/today").json() == {"visits": 0, "people": 0}


def test_logging_visits_leaves_no_audit_receiver_behind(api):
    """Each request opens auditlog's context and the service opens another inside it;
    before core.audit.audit_context each visit left one more receiver, run on every audit
    entry for the life of the process."""
    from django.db.models.signals import pre_save

    api.member.post("/visits", new_visit())
    before = len(pre_save.receivers)
    for _ in range(5):
        assert api.member.post("/visits", new_visit()).status_code == 201
    assert len(pre_save.receivers) == before
