"""A change of the roster mails the members concerned who gave an address, in Vietnamese."""

import pytest
import time_machine
from django.db import transaction

from hocvuso.roster.models import Assignment
from hocvuso.roster.services import answer_swap, approve_swap, generate_roster, request_swap
from hocvuso.testing import run_tasks

from .conftest import BEFORE_JUNE, JUNE


@pytest.fixture
def addressed(world, duty_place, settings):
    """tovien (members[1]) and totruong2 (members[2]) gave an email; the leader did not."""
    settings.SITE_URL = "https://hocvuso.example.gov.vn"
    for user, email in ((world.member, "hoa@example.vn"), (world.other_leader, "khanh@example.vn")):
        user.email = email
        user.save()
    return world


def test_a_new_roster_mails_each_member_with_an_address_their_shifts(
    addressed, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        generate_roster(addressed.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    run_tasks()
    assert sorted(m.to[0] for m in mailoutbox) == ["hoa@example.vn", "khanh@example.vn"]
    mail = next(m for m in mailoutbox if m.to == ["hoa@example.vn"])
    assert mail.subject == "Lịch trực từ ngày 01/06/2026 đến ngày 30/06/2026"
    assert mail.body.startswith("Chào Trần Thị Hoa,")
    member = addressed.chiminh.members[1]
    first = Assignment.objects.filter(member=member).order_by("shift__starts_at").first()
    assert f"- {first.shift}" in mail.body and "/06/2026" in str(first.shift)
    assert "https://hocvuso.example.gov.vn/lich-truc/cua-toi/" in mail.body


def test_a_declined_swap_mails_its_requester_and_an_approved_one_both(
    addressed, mailoutbox, django_capture_on_commit_callbacks
):
    generate_roster(addressed.chiminh.commune, *JUNE, now=BEFORE_JUNE)
    member, other = addressed.chiminh.members[1], addressed.chiminh.members[2]
    give = Assignment.objects.filter(member=member).first()
    take = Assignment.objects.filter(member=other).exclude(shift=give.shift).first()
    with time_machine.travel(BEFORE_JUNE), django_capture_on_commit_callbacks(execute=True):
        swap = request_swap(addressed.member, give, take)
        answer_swap(addressed.other_leader, swap, False)
        second = request_swap(addressed.member, give, take)
        answer_swap(addressed.other_leader, second, True)
        approve_swap(addressed.leader, second)
    run_tasks()
    declined = [m for m in mailoutbox if m.subject == "Đề nghị đổi ca: Người được đề nghị từ chối"]
    assert [m.to for m in declined] == [["hoa@example.vn"]]
    assert "Lê Văn Khánh đã từ chối." in declined[0].body
    assert f"nhường ca {give.shift} để nhận ca {take.shift}" in declined[0].body
    approved = [m for m in mailoutbox if m.subject == "Đổi ca trực đã được duyệt"]
    assert sorted(m.to[0] for m in approved) == ["hoa@example.vn", "khanh@example.vn"]
    to_member = next(m for m in approved if m.to == ["hoa@example.vn"])
    assert f"Ca trực mới của bạn: {take.shift}." in to_member.body


def test_a_roster_rolled_back_mails_nobody(
    addressed, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            generate_roster(addressed.chiminh.commune, *JUNE, now=BEFORE_JUNE)
            raise RuntimeError("the page failed after the roster was made")
    run_tasks()
    assert mailoutbox == []
