import datetime
import uuid

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hocvuso.core.audit import acting_as
from hocvuso.support.models import SupportVisit
from hocvuso.support.services import (
    VisitInput,
    change_visit,
    delete_visit,
    record_visit,
    today_count,
)


def test_a_member_logs_a_visit_for_their_team_and_village(world):
    visit, created = record_visit(world.member, VisitInput(services=["vneid-activate"]))
    assert created
    team = world.chiminh.village_teams[0]
    assert (visit.team, visit.village, visit.commune) == (team, team.unit, world.chiminh.commune)
    assert visit.member == world.chiminh.members[1]
    assert [s.code for s in visit.services.all()] == ["vneid-activate"]
    entry = LogEntry.objects.get_for_object(visit).get(action=LogEntry.Action.CREATE)
    assert entry.actor == world.member


def test_a_resend_with_the_same_key_saves_nothing_new(world):
    key = uuid.uuid4()
    first, created = record_visit(world.member, VisitInput(services=["qr-payment"], client_key=key))
    again, created_again = record_visit(
        world.member, VisitInput(services=["qr-payment"], client_key=key)
    )
    assert created and not created_again and first.pk == again.pk
    assert SupportVisit.objects.filter(client_key=key).count() == 1


def test_someone_elses_key_is_refused(world):
    key = uuid.uuid4()
    record_visit(world.member, VisitInput(services=["qr-payment"], client_key=key))
    with pytest.raises(PermissionDenied):
        record_visit(world.outsider, VisitInput(services=["qr-payment"], client_key=key))


# A visit wrong in every field it has (and recorded as the day after tomorrow).
MISTAKES = {
    "services": [],
    "people": 0,
    "place": "moon",
    "gender": "x",
    "age_band": "y",
    "outcome": "z",
}


def test_every_mistake_is_named_in_vietnamese_and_nothing_is_saved(world):
    before = SupportVisit.objects.count()
    in_two_days = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        record_visit(world.member, VisitInput(**MISTAKES, occurred_at=in_two_days))
    errors = error.value.message_dict
    assert set(errors) >= {*MISTAKES, "occurred_at"}
    assert errors["services"] == ["Hãy chọn ít nhất một dịch vụ đã hỗ trợ."]
    assert SupportVisit.objects.count() == before


def test_a_member_cannot_log_for_another_team_or_village(world):
    other_team = world.chiminh.village_teams[1]
    with pytest.raises(ValidationError) as error:
        record_visit(world.member, VisitInput(services=["other"], team_id=other_team.pk))
    assert "team" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record_visit(world.member, VisitInput(services=["other"], village="11132-01"))
    assert "village" in error.value.message_dict


def test_an_officer_logs_for_any_team_of_the_commune(world):
    team = world.chiminh.village_teams[1]
    visit, _ = record_visit(world.commune, VisitInput(services=["other"], team_id=team.pk))
    assert visit.commune == world.chiminh.commune and visit.member is None
    with pytest.raises(ValidationError):
        record_visit(
            world.commune, VisitInput(services=["other"], team_id=world.tanky.village_teams[0].pk)
        )


def test_a_city_officer_records_no_visit(world):
    before = SupportVisit.objects.count()
    with pytest.raises(PermissionDenied, match="chỉ được xem"):
        record_visit(world.city, VisitInput(services=["other"], commune="11132"))
    assert SupportVisit.objects.count() == before


def test_an_officer_of_several_communes_names_the_commune_and_the_helper(world):
    helper = world.tanky.members[0]
    visit, _ = record_visit(
        world.admin, VisitInput(services=["other"], commune="11132", member_id=helper.pk)
    )
    assert (visit.commune, visit.team, visit.member) == (world.tanky.commune, None, helper)
    with pytest.raises(ValidationError) as error:
        record_visit(
            world.admin,
            VisitInput(
                services=["other"],
                commune="11131",
                team_id=world.tanky.village_teams[0].pk,
                member_id=helper.pk,
            ),
        )
    assert error.value.message_dict == {
        "team": ["Tổ không thuộc xã Chí Minh."],
        "member": ["Người hỗ trợ không phải thành viên của xã Chí Minh."],
    }
    with pytest.raises(ValidationError) as error:
        record_visit(world.commune, VisitInput(services=["other"], commune="11132"))
    assert error.value.message_dict == {"commune": ["Xã Tân Kỳ nằm ngoài phạm vi của bạn."]}


def test_a_member_logs_only_their_own_visits(world):
    with pytest.raises(ValidationError) as error:
        record_visit(
            world.member, VisitInput(services=["other"], member_id=world.chiminh.members[0].pk)
        )
    assert error.value.message_dict == {"member": ["Bạn chỉ ghi được lượt hỗ trợ của chính mình."]}
    own = world.chiminh.members[1].pk
    visit, _ = record_visit(world.member, VisitInput(services=["other"], member_id=own))
    assert visit.member_id == own


def test_a_member_corrects_and_deletes_their_own_visit_the_same_day(world):
    visit, _ = record_visit(world.member, VisitInput(services=["other"]))
    change_visit(world.member, visit, VisitInput(services=["qr-payment"], people=3))
    visit.refresh_from_db()
    assert visit.people == 3 and [s.code for s in visit.services.all()] == ["qr-payment"]
    pk = visit.pk
    delete_visit(world.member, visit)
    assert not SupportVisit.objects.filter(pk=pk).exists()
    assert LogEntry.objects.filter(
        object_pk=str(pk), action=LogEntry.Action.DELETE, actor=world.member
    ).exists()


def test_a_member_cannot_change_yesterdays_visit_or_someone_elses(world):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        old, _ = record_visit(world.member, VisitInput(services=["other"]))
    with pytest.raises(PermissionDenied):
        delete_visit(world.member, old)
    theirs = world.chiminh.visits[0]  # the leader's
    with pytest.raises(PermissionDenied):
        change_visit(world.member, theirs, VisitInput(services=["other"]))


def test_the_count_for_today_is_the_members_own(world):
    record_visit(world.member, VisitInput(services=["other"], people=2))
    record_visit(world.leader, VisitInput(services=["other"], people=5))
    assert today_count(world.member) == {"visits": 1, "people": 2}


def test_a_provinces_own_app_is_refused_for_a_commune_of_another_province(world):
    before = SupportVisit.objects.count()
    with pytest.raises(ValidationError) as error:
        record_visit(world.far, VisitInput(services=["vneid-activate", "smart-haiphong"]))
    assert error.value.message_dict["services"] == [
        "Dịch vụ “Smart Hải Phòng” chỉ dùng ở thành phố Hải Phòng, không dùng được ở xã Hoàn Kiếm."
    ]
    assert SupportVisit.objects.count() == before
    visit, _ = record_visit(world.member, VisitInput(services=["smart-haiphong"]))
    assert visit.commune == world.chiminh.commune


def _trail(visit) -> list:
    """A visit's audit entries, with what differs from one visit to the next (its id, client
    key, times) taken out, and the services an "add" names in a fixed order."""
    entries = []
    for entry in LogEntry.objects.get_for_object(visit).order_by("pk"):
        changes = {
            name: sorted(change["objects"]) if isinstance(change, dict) else change
            for name, change in entry.changes.items()
            if name not in ("id", "client_key", "created_at", "updated_at")
        }
        entries.append(
            (
                entry.action,
                entry.actor_id,
                entry.actor_email,
                entry.remote_addr,
                entry.cid,
                entry.object_repr.replace(str(visit.pk), "…"),
                entry.serialized_data,
                changes,
            )
        )
    return entries


def test_a_logged_visit_leaves_the_audit_entries_auditlog_writes_for_a_save(world):
    visit, _ = record_visit(
        world.member, VisitInput(services=["dvc-filing", "vneid-activate"], client_key=uuid.uuid4())
    )
    # The same visit saved the plain way, auditlog's signals writing the entries.
    saved = SupportVisit.objects.get(pk=visit.pk)
    saved.pk = saved.client_key = None
    with acting_as(world.member):
        saved.save()
        saved.services.add(*visit.services.all())
    assert len(_trail(visit)) == 2
    assert _trail(visit) == _trail(saved)
