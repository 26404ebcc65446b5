import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Count
from icalendar import Calendar

from hocvuso.roster.models import (
    Assignment,
    CalendarException,
    DayKind,
    DutyPlace,
    Leave,
    Shift,
    SwapRequest,
    SwapStatus,
)
from hocvuso.roster.services import (
    answer_swap,
    approve_swap,
    aware,
    cancel_swap,
    check_in,
    generate_roster,
    request_swap,
    working_days,
)
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.teams.models import Member, Membership, Role

JUNE = (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
BEFORE_JUNE = aware(datetime.date(2026, 5, 31), datetime.time(12))


@pytest.fixture
def centre(world):
    place = DutyPlace.objects.create(
        commune=world.chiminh.commune, name="Trung tâm Phục vụ hành chính công xã"
    )
    place.add_default_hours(members_needed=1)
    team = world.chiminh.commune_team
    # The commune team: the village leaders and members serve in it too.
    for i, member in enumerate(world.chiminh.members):
        Membership.objects.create(
            team=team, member=member, role=Role.LEADER if i == 0 else Role.MEMBER
        )
    return place


def days_with_shifts(commune):
    return {
        s.starts_at.astimezone(aware(JUNE[0], datetime.time()).tzinfo).date()
        for s in Shift.objects.filter(commune=commune)
    }


def test_working_days_skip_weekends_and_national_day(world):
    days = dict(
        working_days(world.chiminh.commune, datetime.date(2026, 8, 17), datetime.date(2026, 9, 6))
    )
    assert datetime.date(2026, 9, 1) not in days and datetime.date(2026, 9, 2) not in days
    assert datetime.date(2026, 8, 31) not in days  # given off in exchange for 22/8
    assert days[datetime.date(2026, 8, 22)] == 0  # that Saturday is worked, with Monday's hours
    assert datetime.date(2026, 8, 23) not in days
    assert days[datetime.date(2026, 9, 3)] == 3


def test_an_officer_adds_a_holiday_and_a_make_up_day(world):
    commune = world.chiminh.commune
    CalendarException.objects.create(
        commune=commune, date=datetime.date(2026, 6, 10), kind=DayKind.HOLIDAY, name="Nghỉ bù"
    )
    CalendarException.objects.create(
        commune=None,
        date=datetime.date(2026, 6, 13),
        kind=DayKind.WORKDAY,
        name="Làm bù",
        works_as=2,
    )
    days = dict(working_days(commune, *JUNE))
    assert datetime.date(2026, 6, 10) not in days
    assert days[datetime.date(2026, 6, 13)] == 2


def test_a_roster_is_fair_and_keeps_to_office_hours(world, centre):
    result = generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    assert result.shifts == 22 * 2 and result.assignments == 44 and not result.unfilled
    counts = list(
        Assignment.objects.values("member").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert len(counts) == 4 and max(counts) - min(counts) <= 1
    first = Shift.objects.order_by("starts_at").first()
    assert first.starts_at == aware(datetime.date(2026, 6, 1), datetime.time(7, 30))


def test_each_shift_and_assignment_made_is_in_the_audit_trail_with_its_author(world, centre):
    generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE, user=world.commune)
    for model in (Shift, Assignment):
        entries = LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE)
        assert {int(pk) for pk in entries.values_list("object_pk", flat=True)} == set(
            model.objects.values_list("pk", flat=True)
        )
        assert set(entries.values_list("actor", flat=True)) == {world.commune.pk}


def test_nobody_is_on_duty_on_leave(world, centre):
    member = world.chiminh.members[1]
    Leave.objects.create(
        member=member, starts_on=datetime.date(2026, 6, 8), ends_on=datetime.date(2026, 6, 19)
    )
    generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    on_leave = Assignment.objects.filter(
        member=member,
        shift__starts_at__date__gte=datetime.date(2026, 6, 8),
        shift__starts_at__date__lte=datetime.date(2026, 6, 19),
    )
    assert not on_leave.exists()


def test_fairness_carries_over_from_earlier_months(world, centre):
    generate_roster(
        world.chiminh.commune, datetime.date(2026, 6, 1), datetime.date(2026, 6, 3), now=BEFORE_JUNE
    )  # 6 shifts for 4 members
    generate_roster(
        world.chiminh.commune,
        datetime.date(2026, 6, 4),
        datetime.date(2026, 6, 30),
        now=BEFORE_JUNE,
    )
    counts = list(
        Assignment.objects.values("member").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert max(counts) - min(counts) <= 1


def test_regenerating_keeps_what_is_past(world, centre):
    generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    past = list(
        Assignment.objects.filter(
            shift__starts_at__lt=aware(datetime.date(2026, 6, 15), datetime.time())
        )
        .values_list("shift__starts_at", "member_id")
        .order_by("shift__starts_at")
    )
    newcomer = Member.objects.create(full_name="Vũ Thị Mới", commune=world.chiminh.commune)
    Membership.objects.create(team=world.chiminh.commune_team, member=newcomer)
    result = generate_roster(
        world.chiminh.commune, *JUNE, now=aware(datetime.date(2026, 6, 15), datetime.time())
    )
    assert result.kept == 20
    assert past == list(
        Assignment.objects.filter(
            shift__starts_at__lt=aware(datetime.date(2026, 6, 15), datetime.time())
        )
        .values_list("shift__starts_at", "member_id")
        .order_by("shift__starts_at")
    )
    # The newcomer is given shifts first, to catch up.
    assert Assignment.objects.filter(member=newcomer).count() >= 5


def test_a_swap_goes_from_request_to_approval(world, centre):
    generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    member, other = world.chiminh.members[1], world.chiminh.members[2]
    give = Assignment.objects.filter(member=member).first()
    take = Assignment.objects.filter(member=other).exclude(shift=give.shift).first()
    with time_machine.travel(BEFORE_JUNE):
        swap = request_swap(world.member, give, take, "Em bận họp")
        with pytest.raises(PermissionDenied):
            answer_swap(world.member, swap, True)  # not theirs to answer
        answer_swap(world.other_leader, swap, True)
        with pytest.raises(PermissionDenied):
            approve_swap(world.outsider, swap)
        approve_swap(world.leader, swap)
    give.refresh_from_db()
    take.refresh_from_db()
    assert (give.member, take.member) == (other, member)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED and swap.decided_by == world.leader


def test_a_swap_cannot_be_approved_before_the_other_accepts_or_after_a_cancel(world, centre):
    generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    give = Assignment.objects.filter(member=world.chiminh.members[1]).first()
    take = Assignment.objects.filter(member=world.chiminh.members[2]).first()
    with time_machine.travel(BEFORE_JUNE):
        swap = request_swap(world.member, give, take)
        with pytest.raises(ValidationError):
            approve_swap(world.leader, swap)
        with pytest.raises(ValidationError):
            request_swap(world.member, give, take)  # one open request at a time
        cancel_swap(world.member, swap)
        with pytest.raises(ValidationError):
            answer_swap(world.other_leader, swap, True)


def test_check_in_links_the_visits_logged_during_the_shift(world, centre):
    generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    assignment = Assignment.objects.filter(member=world.chiminh.members[1]).first()
    during = assignment.shift.starts_at + datetime.timedelta(minutes=20)
    with time_machine.travel(during):
        with pytest.raises(PermissionDenied):
            check_in(world.leader, assignment)
        check_in(world.member, assignment)
        visit, _ = record_visit(world.member, VisitInput(services=["other"]))
    assert visit.assignment == assignment
    with time_machine.travel(assignment.shift.ends_at + datetime.timedelta(hours=3)):
        with pytest.raises(ValidationError):
            check_in(
                world.member, Assignment.objects.filter(member=world.chiminh.members[1]).last()
            )


def roster_for_june(commune, output):
    """Runs the roster command for June 2026 of one commune into one file."""
    call_command(
        "roster",
        "--commune",
        commune,
        "--from",
        "2026-06-01",
        "--to",
        "2026-06-30",
        "--output",
        str(output),
    )


def test_the_roster_command_writes_one_calendar(world, centre, tmp_path):
    output = tmp_path / "lich.ics"
    with time_machine.travel(BEFORE_JUNE):
        roster_for_june("Chí Minh", output)
    calendar = Calendar.from_ical(output.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 44
    names = {m.full_name for m in world.chiminh.members}
    assert all(any(n in str(e["SUMMARY"]) for n in names) for e in events)
    assert calendar.walk("VTIMEZONE")


def test_the_roster_command_explains_bad_arguments(world, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="chưa có địa điểm trực"):
        roster_for_june("11131", tmp_path / "x.ics")
    with pytest.raises(CommandError, match="phải là tệp .ics"):
        roster_for_june("11131", tmp_path / "x.txt")


def test_a_place_without_hours_on_the_periods_working_days_is_named_as_the_reason(world, centre):
    # The centre opens on weekdays only; a made-up Saturday takes Monday's hours,
    # so without Monday's hours nothing is left for that Saturday.
    centre.hours.filter(weekday=0).delete()
    CalendarException.objects.create(
        commune=world.chiminh.commune,
        date=datetime.date(2026, 6, 13),
        kind=DayKind.WORKDAY,
        name="Làm bù",
        works_as=0,
    )
    with pytest.raises(ValidationError) as refusal:
        generate_roster(
            world.chiminh.commune,
            datetime.date(2026, 6, 13),
            datetime.date(2026, 6, 14),
            now=BEFORE_JUNE,
        )
    assert refusal.value.messages == [
        "Các địa điểm trực không có giờ trực vào ngày làm việc nào của kỳ này, "
        "nên không xếp được ca nào. Hãy chọn một kỳ khác."
    ]
    assert not Shift.objects.exists()


def test_a_swap_message_with_a_citizens_phone_is_refused(world, centre):
    generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    member, other = world.chiminh.members[1], world.chiminh.members[2]
    give = Assignment.objects.filter(member=member).first()
    take = Assignment.objects.filter(member=other).exclude(shift=give.shift).first()
    with time_machine.travel(BEFORE_JUNE), pytest.raises(ValidationError, match="Lời nhắn"):
        request_swap(world.member, give, take, "Em đưa bác 0912345678 đi làm CCCD")
    assert not SwapRequest.objects.filter(give=give).exists()


def test_a_leave_reason_with_a_name_is_refused_by_the_model(world):
    leave = Leave(reason="Đưa ông Nguyễn Văn Bình đi khám")
    with pytest.raises(ValidationError, match="họ tên của người dân"):
        leave.clean_fields(exclude=["member", "starts_on", "ends_on"])
