from hocvuso.outreach.models import Channel, ZaloGroup
from hocvuso.units.facts import commune_facts, local_choices


def test_a_zalo_group_belongs_to_the_commune_of_its_village(world):
    group = ZaloGroup.objects.create(
        village=world.tanky.villages[1], name="Zalo thôn 2", member_count=120
    )
    assert group.commune == world.tanky.commune


def test_the_channels_of_the_report_can_be_recorded(world):
    # The portal is named in the commune's words, as its report names it.
    facts = commune_facts(world.chiminh.commune)
    labels = {label for _, label in local_choices(Channel.choices, facts)}
    for label in (
        "Loa phát thanh cơ sở",
        "Bảng tin",
        "Cổng thông tin điện tử xã",
        "Mạng xã hội",
        "Trường học",
        "Nhóm Zalo",
    ):
        assert label in labels
