import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel


def test_a_team_has_at_most_one_leader(world):
    team = world.chiminh.village_teams[0]
    newcomer = Member.objects.create(full_name="Lê Văn Mới", commune=world.chiminh.commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(team=team, member=newcomer, role=Role.LEADER)
    assert team.leader == world.chiminh.members[0]


def test_a_member_joins_a_team_of_their_own_commune_only(world):
    stranger = Member.objects.create(full_name="Phạm Thị Xa", commune=world.tanky.commune)
    membership = Membership(team=world.chiminh.village_teams[0], member=stranger)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "member" in error.value.message_dict


def test_a_village_team_serves_a_village(world):
    team = Team(name="Tổ sai", level=TeamLevel.VILLAGE, unit=world.chiminh.commune)
    with pytest.raises(ValidationError):
        team.full_clean()
    team = Team(name="Tổ ứng cứu", level=TeamLevel.RAPID_RESPONSE, unit=world.chiminh.villages[0])
    with pytest.raises(ValidationError):
        team.full_clean()


def test_a_team_belongs_to_the_commune_of_its_village(world):
    team = Team.objects.create(
        name="Tổ mới", level=TeamLevel.VILLAGE, unit=world.chiminh.villages[1]
    )
    assert team.commune == world.chiminh.commune


def test_a_phone_number_is_kept_in_digits_and_checked(world):
    member = Member(full_name="Đỗ Văn Hải", commune=world.chiminh.commune, phone="0912 345 678")
    member.save()
    assert member.phone == "0912345678"
    member.phone = "12345"
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "Số điện thoại không hợp lệ" in error.value.message_dict["phone"][0]


def test_a_members_first_name_is_the_last_word(world):
    assert Member(full_name="Nguyễn Thị Thu Hà").first_name == "Hà"
