"""The phone pages for a communication activity (/ghi/tuyen-truyen/) and a Zalo count (/ghi/zalo/)."""

import datetime

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from hocvuso.outreach.models import OutreachActivity, ZaloGroup

LOG = reverse("outreach:log")
ZALO = reverse("outreach:zalo")


def activity(**values):
    data = {
        "channel": "meeting",
        "title": "Hướng dẫn cài VNeID tại họp thôn",
        "times": "1",
        "reach": "45",
        "held_on": timezone.localdate().isoformat(),
    }
    return {**data, **values}


def test_a_member_logs_a_communication_activity_for_their_village(client, world):
    client.force_login(world.member)
    response = client.post(LOG, activity(), follow=True)
    assert "Đã lưu hoạt động tuyên truyền." in response.content.decode()
    saved = OutreachActivity.objects.get(title="Hướng dẫn cài VNeID tại họp thôn")
    team = world.chiminh.village_teams[0]
    assert (saved.team, saved.village, saved.member) == (team, team.unit, world.chiminh.members[1])
    assert (saved.channel, saved.times, saved.reach) == ("meeting", 1, 45)
    assert LogEntry.objects.get_for_object(saved).get().actor == world.member
    # The member sees it among their recent records.
    assert "Hướng dẫn cài VNeID tại họp thôn" in client.get(LOG).content.decode()


def test_a_wrong_activity_is_refused_in_vietnamese_and_nothing_is_saved(client, world):
    client.force_login(world.member)
    before = OutreachActivity.objects.count()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(LOG, activity(title="   ", times="0", held_on=tomorrow))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày không được ở tương lai." in html
    assert "Số lần phải là số nguyên từ 1 đến 1.000." in html
    assert OutreachActivity.objects.count() == before


def test_the_activity_form_offers_every_channel_as_a_chip(client, world):
    client.force_login(world.member)
    html = client.get(LOG).content.decode()
    assert html.count('type="radio" name="channel"') == 10
    assert 'value="loudspeaker" checked' in html


def test_an_officer_without_a_team_is_told_the_page_is_for_members(client, world):
    client.force_login(world.outsider)
    assert "dành cho thành viên" in client.get(LOG).content.decode()
    client.post(LOG, activity())
    assert not OutreachActivity.objects.filter(title__startswith="Hướng dẫn").exists()


def test_a_member_counts_their_villages_zalo_group(client, world):
    group = ZaloGroup.objects.get(village=world.chiminh.villages[0])
    client.force_login(world.member)
    html = client.get(ZALO).content.decode()
    assert group.name in html
    assert "Zalo Thôn 2" not in html  # the other village's group
    response = client.post(ZALO, {"group": group.pk, "member_count": "1250"}, follow=True)
    assert "Đã lưu số thành viên nhóm" in response.content.decode()
    group.refresh_from_db()
    assert (group.member_count, group.counted_on) == (1250, timezone.localdate())
    # A number input takes digits only, never "1.250".
    assert 'value="1250"' in response.content.decode()


def test_a_member_cannot_count_another_villages_group(client, world):
    theirs = ZaloGroup.objects.get(village=world.chiminh.villages[1])
    client.force_login(world.member)
    response = client.post(ZALO, {"group": theirs.pk, "member_count": "9"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.member_count == 50


def test_a_wrong_count_is_refused(client, world):
    group = ZaloGroup.objects.get(village=world.chiminh.villages[0])
    client.force_login(world.member)
    response = client.post(ZALO, {"group": group.pk, "member_count": "-3"})
    assert "Số thành viên phải là số nguyên từ 0" in response.content.decode()
    group.refresh_from_db()
    assert group.member_count == 50


def test_an_activity_naming_a_citizen_is_refused(client, world):
    client.force_login(world.member)
    before = OutreachActivity.objects.count()
    response = client.post(LOG, activity(title="Tuyên truyền tại nhà ông Nguyễn Văn Bình"))
    assert "Nội dung không được chứa họ tên của người dân" in response.content.decode()
    assert OutreachActivity.objects.count() == before
