"""Records the overview tests add to the shared world."""

import datetime

from django.utils import timezone

from hocvuso.documents.models import Document, DocumentKind
from hocvuso.learning.models import CourseParticipation, DigitalClass, LearnerGroup, Platform
from hocvuso.outreach.models import Channel, OutreachActivity
from hocvuso.support.models import Place, Service, SupportVisit
from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel
from hocvuso.testing import CommuneWorld
from hocvuso.units.models import Kind, Level, Unit


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_visit(
    cw: CommuneWorld,
    day: datetime.date,
    village: int = 0,
    people: int = 1,
    services=("dvc-filing",),
    place=Place.CULTURAL_HOUSE,
    member: Member | None = None,
    note: str = "",
) -> SupportVisit:
    team = cw.village_teams[village]
    visit = SupportVisit.objects.create(
        commune=cw.commune,
        village=cw.villages[village],
        team=team,
        member=member or cw.members[2 * village + 1],
        occurred_at=at(day),
        place=place,
        people=people,
        note=note,
    )
    visit.services.set(Service.objects.filter(code__in=services))
    return visit


def add_activity(
    cw: CommuneWorld, day: datetime.date, village: int = 0, channel=Channel.ZALO, times: int = 1
) -> OutreachActivity:
    return OutreachActivity.objects.create(
        commune=cw.commune,
        village=cw.villages[village],
        team=cw.village_teams[village],
        member=cw.members[2 * village],
        held_on=day,
        channel=channel,
        title=f"Tuyên truyền {channel}",
        times=times,
        reach=40,
    )


def add_class(
    cw: CommuneWorld, day: datetime.date, village: int = 0, citizens: int = 12, students: int = 3
) -> DigitalClass:
    return DigitalClass.objects.create(
        commune=cw.commune,
        village=cw.villages[village],
        team=cw.village_teams[village],
        member=cw.members[2 * village],
        held_on=day,
        topic="Cài đặt và dùng VNeID",
        location="Nhà văn hóa",
        citizens=citizens,
        students=students,
    )


def add_course(
    cw: CommuneWorld,
    start: datetime.date,
    end: datetime.date,
    group=LearnerGroup.CITIZENS,
    participants: int = 100,
) -> CourseParticipation:
    return CourseParticipation.objects.create(
        commune=cw.commune,
        platform=Platform.objects.order_by("position").first(),
        group=group,
        period_start=start,
        period_end=end,
        participants=participants,
    )


def add_document(cw: CommuneWorld, day: datetime.date, number: int) -> Document:
    return Document.objects.create(
        commune=cw.commune,
        kind=DocumentKind.PLAN,
        number=number,
        symbol="KH-UBND",
        issuer="UBND xã",
        issued_on=day,
        summary="về việc đẩy mạnh phong trào",
    )


def grow(cw: CommuneWorld, villages: int, members: int, records: int, day: datetime.date):
    """Add villages, each with a team, members and records of every kind."""
    start = len(cw.villages)
    for i in range(start + 1, start + villages + 1):
        village = Unit.objects.create(
            level=Level.VILLAGE,
            kind=Kind.THON,
            code=f"{cw.commune.code}-{i:02d}",
            name=f"Thôn {i}",
            short_name=f"Thôn {i}",
            parent=cw.commune,
        )
        team = Team.objects.create(name=f"Tổ CNSCĐ Thôn {i}", level=TeamLevel.VILLAGE, unit=village)
        people = []
        for j in range(max(members, 2)):
            person = Member.objects.create(full_name=f"Lê Văn Mới {i}-{j}", commune=cw.commune)
            Membership.objects.create(
                team=team, member=person, role=Role.LEADER if j == 0 else Role.MEMBER
            )
            people.append(person)
        cw.villages.append(village)
        cw.village_teams.append(team)
        cw.members += people[:2]
        index = len(cw.villages) - 1
        for k in range(records):
            add_visit(cw, day, village=index, services=("dvc-filing", "vneid-activate"))
            add_visit(cw, day, village=index, member=people[k % len(people)], place=Place.HOME)
            add_activity(cw, day, village=index, channel=Channel.LOUDSPEAKER)
            add_class(cw, day, village=index)
        # One row per village, each over a different span: the rows are unique by period.
        add_course(cw, day - datetime.timedelta(days=index), day, participants=10 + index)
