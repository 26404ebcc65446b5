"""Each role against each other unit's data, for every scoped model."""

import pytest

from hocvuso.accounts.scoping import scope_for
from hocvuso.documents.models import Document
from hocvuso.indicators.models import IndicatorValue
from hocvuso.learning.models import CourseParticipation, DigitalClass
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.support.models import SupportVisit
from hocvuso.teams.models import Member, Membership, Team
from hocvuso.units.models import Unit

RECORD_MODELS = [SupportVisit, OutreachActivity, ZaloGroup, Team, Member, Membership]
ALL_SCOPED = RECORD_MODELS + [Document, Unit, DigitalClass, CourseParticipation, IndicatorValue]


def commune_of(obj):
    for path in ("commune", "team.commune", "commune_scope"):
        value = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return value
    raise AssertionError(f"no commune for {obj!r}")


@pytest.mark.parametrize("model", ALL_SCOPED, ids=lambda m: m.__name__)
def test_it_shows_the_commune_officer_only_their_commune(world, model):
    visible = model.objects.visible_to(scope_for(world.commune))
    assert all(commune_of(o) == world.chiminh.commune for o in visible)
    assert model.objects.editable_by(scope_for(world.commune)).count() == visible.count()


@pytest.mark.parametrize("model", ALL_SCOPED, ids=lambda m: m.__name__)
def test_it_shows_the_city_officer_its_communes_and_no_other_city(world, model):
    visible = list(model.objects.visible_to(scope_for(world.city)))
    communes = {commune_of(o) for o in visible}
    assert world.farward.commune not in communes
    assert communes <= {world.chiminh.commune, world.tanky.commune}


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
def test_it_shows_the_outsider_nothing_of_chi_minh(world, model):
    for persona in (world.outsider, world.far):
        visible = model.objects.visible_to(scope_for(persona))
        assert not [o for o in visible if commune_of(o) == world.chiminh.commune]
        assert visible.exists()  # but they do see their own commune


def test_it_shows_a_team_leader_only_their_team(world):
    scope = scope_for(world.leader)
    team = world.chiminh.village_teams[0]
    visits = SupportVisit.objects.visible_to(scope)
    assert visits.count() == 2
    assert {v.team for v in visits} == {team}
    assert set(Team.objects.visible_to(scope)) == {team}
    assert set(Member.objects.visible_to(scope)) == set(world.chiminh.members[:2])
    assert {z.team for z in ZaloGroup.objects.visible_to(scope)} == {team}


def test_it_does_not_show_one_village_leader_another_village(world):
    mine = SupportVisit.objects.visible_to(scope_for(world.leader))
    theirs = SupportVisit.objects.visible_to(scope_for(world.other_leader))
    assert mine.exists() and theirs.exists()
    assert not set(mine) & set(theirs)


def test_it_shows_a_member_only_their_own_visits(world):
    visits = SupportVisit.objects.visible_to(scope_for(world.member))
    assert [v.member for v in visits] == [world.chiminh.members[1]]


def test_it_lets_team_users_read_but_not_change_what_the_commune_shares(world):
    for persona in (world.leader, world.member):
        scope = scope_for(persona)
        assert list(Document.objects.visible_to(scope)) == [world.chiminh.document]
        assert not Document.objects.editable_by(scope).exists()


def test_it_shows_anonymous_and_inactive_users_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    world.commune.is_active = False
    for persona in (AnonymousUser(), world.commune):
        assert not SupportVisit.objects.visible_to(scope_for(persona)).exists()


def test_it_shows_a_member_whose_membership_ended_nothing_of_the_team(world):
    membership = Membership.objects.get(member=world.chiminh.members[0])
    membership.ended_on = membership.created_at.date()
    membership.save()
    scope = scope_for(type(world.leader).objects.get(pk=world.leader.pk))
    assert not Team.objects.visible_to(scope).exists()


def test_it_shows_a_superuser_everything(world):
    assert SupportVisit.objects.visible_to(scope_for(world.admin)).count() == 12
