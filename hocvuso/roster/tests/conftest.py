import datetime

import pytest

from hocvuso.roster.models import DutyPlace
from hocvuso.roster.services import aware, generate_roster
from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel

# The four members of Chí Minh's village teams (leader 1, member 1, leader 2,
# member 2), renamed so that each first name says who is who on a page.
NAMES = ["Nguyễn Văn Trung", "Trần Thị Hoa", "Lê Văn Khánh", "Phạm Thị Mai"]
JUNE = (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
BEFORE_JUNE = aware(datetime.date(2026, 5, 31), datetime.time(12))


@pytest.fixture
def duty_place(world):
    """Chí Minh's service centre, one member a shift, served by the commune team.

    The four members of the villages serve in the commune team, the first as
    its leader, as in test_roster's `centre`.
    """
    for member, name in zip(world.chiminh.members, NAMES, strict=True):
        member.full_name = name
        member.save()
    place = DutyPlace.objects.create(
        commune=world.chiminh.commune,
        name="Trung tâm Phục vụ hành chính công xã Chí Minh",
        address="Trụ sở UBND xã Chí Minh",
    )
    place.add_default_hours(members_needed=1)
    for i, member in enumerate(world.chiminh.members):
        Membership.objects.create(
            team=world.chiminh.commune_team,
            member=member,
            role=Role.LEADER if i == 0 else Role.MEMBER,
        )
    return place


@pytest.fixture
def june(world, duty_place):
    """The roster of June 2026, generated on 31/05/2026."""
    return generate_roster(world.chiminh.commune, *JUNE, now=BEFORE_JUNE)


def make_rapid_team(commune, name, leader_name, phone, *, publish_phone):
    """The commune's rapid-response team, led by one member with a phone: (team, leader)."""
    team = Team.objects.create(name=name, level=TeamLevel.RAPID_RESPONSE, unit=commune)
    leader = Member.objects.create(
        full_name=leader_name, commune=commune, phone=phone, publish_phone=publish_phone
    )
    Membership.objects.create(team=team, member=leader, role=Role.LEADER)
    return team, leader
