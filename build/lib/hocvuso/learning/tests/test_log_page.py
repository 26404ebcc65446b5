"""The phone page for a digital class (/ghi/lop-hoc/)."""

from django.urls import reverse
from django.utils import timezone

from hocvuso.learning.models import DigitalClass

LOG = reverse("learning:log")


def digital_class(**values):
    data = {
        "topic": "Sử dụng Sổ sức khỏe điện tử",
        "location": "Nhà văn hóa thôn 1",
        "held_on": timezone.localdate().isoformat(),
        "citizens": "18",
        "students": "0",
        "teachers": "",
        "officials": "2",
    }
    return {**data, **values}


def test_a_member_logs_a_digital_class_with_its_attendees_by_group(client, world):
    client.force_login(world.member)
    response = client.post(LOG, digital_class(), follow=True)
    assert "Đã lưu lớp học số." in response.content.decode()
    saved = DigitalClass.objects.get()
    team = world.chiminh.village_teams[0]
    assert (saved.team, saved.village, saved.member) == (team, team.unit, world.chiminh.members[1])
    assert (saved.citizens, saved.officials, saved.teachers, saved.attendees) == (18, 2, 0, 20)
    assert "20 người tham gia" in response.content.decode()


def test_a_class_without_attendees_is_refused(client, world):
    client.force_login(world.member)
    response = client.post(LOG, digital_class(citizens="0", officials="0"))
    assert "Lớp học phải có ít nhất một người tham gia." in response.content.decode()
    assert not DigitalClass.objects.exists()


def test_the_form_has_a_stepper_for_each_group(client, world):
    client.force_login(world.member)
    html = client.get(LOG).content.decode()
    for name in ("citizens", "students", "teachers", "officials"):
        assert f'name="{name}" type="number"' in html
    assert html.count('aria-label="Thêm một người"') == 4
