"""A member's pages: my shifts and the Có mặt button, and a swap from request to approval."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from hocvuso.roster.models import Assignment, SwapRequest, SwapStatus

from .conftest import BEFORE_JUNE

pytestmark = pytest.mark.django_db


def first_shift_of(member):
    return Assignment.objects.filter(member=member).order_by("shift__starts_at").first()


def test_the_member_sees_the_shifts_ahead_with_who_else_is_on_duty(client, world, june):
    client.force_login(world.member)
    with time_machine.travel(BEFORE_JUNE, tick=False):
        response = client.get(reverse("roster:mine"))
    upcoming = response.context["upcoming"]
    assert upcoming and all(a.member == world.member.member for a in upcoming)
    assert response.context["current"] is None
    text = response.content.decode()
    first = timezone.localtime(upcoming[0].shift.starts_at)
    assert f'{first:%d/%m/%Y}</span> · <span class="nowrap">{first:%H:%M}' in text
    assert "Có mặt" not in text


def test_the_member_checks_in_during_the_shift(client, world, june):
    assignment = first_shift_of(world.member.member)
    client.force_login(world.member)
    with time_machine.travel(assignment.shift.starts_at - datetime.timedelta(minutes=10)):
        response = client.get(reverse("roster:mine"))
        assert response.context["current"] == assignment
        assert 'id="check-in"' in response.content.decode()
        response = client.post(reverse("roster:check_in", args=[assignment.pk]), follow=True)
    assignment.refresh_from_db()
    assert assignment.checked_in_at is not None
    assert "Đã ghi nhận bạn có mặt lúc" in response.content.decode()
    with time_machine.travel(assignment.shift.starts_at + datetime.timedelta(minutes=30)):
        text = client.get(reverse("roster:mine")).content.decode()
    assert 'id="checked-in"' in text and 'id="check-in"' not in text


def test_the_check_in_is_refused_outside_the_shift_and_for_someone_elses(client, world, june):
    mine = first_shift_of(world.member.member)
    theirs = first_shift_of(world.other_leader.member)
    client.force_login(world.member)
    with time_machine.travel(mine.shift.starts_at - datetime.timedelta(hours=2)):
        response = client.post(reverse("roster:check_in", args=[mine.pk]), follow=True)
        assert "Chỉ điểm danh được trong giờ của ca trực." in response.content.decode()
        assert client.post(reverse("roster:check_in", args=[theirs.pk])).status_code == 404
    mine.refresh_from_db()
    assert mine.checked_in_at is None


def test_an_officer_without_a_member_record_is_sent_to_the_communes_roster(client, world):
    client.force_login(world.commune)
    assert client.get(reverse("roster:mine")).url == reverse("roster:manage")


def ask(client, world, give, take, message="Em bận họp"):
    client.force_login(world.member)
    return client.post(
        reverse("roster:swaps"),
        {"give": give.pk, "take": take.pk, "message": message},
        follow=True,
    )


def a_swap_asked(client, world):
    """The member asks the other village's leader, before June, to swap their first shifts."""
    give = first_shift_of(world.member.member)
    take = first_shift_of(world.other_leader.member)
    with time_machine.travel(BEFORE_JUNE):
        ask(client, world, give, take)
    return SwapRequest.objects.get()


def answer(client, world, swap, accept):
    client.force_login(world.other_leader)
    return client.post(reverse("roster:answer", args=[swap.pk]), {"accept": accept})


def test_a_swap_goes_from_request_to_approval_and_everyone_sees_the_steps(client, world, june):
    give = first_shift_of(world.member.member)
    take = first_shift_of(world.other_leader.member)
    with time_machine.travel(BEFORE_JUNE):
        response = ask(client, world, give, take)
        assert "Đã gửi đề nghị đổi ca đến Lê Văn Khánh." in response.content.decode()
        swap = SwapRequest.objects.get()
        assert (swap.give, swap.take, swap.message) == (give, take, "Em bận họp")

        client.force_login(world.other_leader)
        response = client.get(reverse("roster:swaps"))
        assert response.context["to_answer"] == [swap]
        client.post(reverse("roster:answer", args=[swap.pk]), {"accept": "1"})

        client.force_login(world.leader)
        response = client.get(reverse("roster:mine"))
        assert response.context["to_approve"] == 1
        response = client.get(reverse("roster:swaps"))
        assert response.context["to_approve"] == [swap]
        response = client.post(
            reverse("roster:approve", args=[swap.pk]), {"approve": "1"}, follow=True
        )
        assert "Đã duyệt: Trần Thị Hoa và Lê Văn Khánh đã đổi ca cho nhau." in (
            response.content.decode()
        )
    give.refresh_from_db()
    take.refresh_from_db()
    assert (give.member, take.member) == (world.other_leader.member, world.member.member)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED and swap.decided_by == world.leader

    client.force_login(world.member)
    with time_machine.travel(BEFORE_JUNE):
        response = client.get(reverse("roster:swaps"))
    [shown] = response.context["history"]
    assert shown.asked == world.other_leader.member
    assert [(s["label"], s["who"]) for s in shown.steps] == [
        ("Gửi đề nghị", "Trần Thị Hoa"),
        ("Đồng ý đổi", "Lê Văn Khánh"),
        ("Duyệt", "Nguyễn Văn Trung"),
    ]
    text = response.content.decode()
    assert "Đã đổi ca" in text and "Duyệt — Nguyễn Văn Trung" in text


def test_the_other_member_declines_and_the_requester_sees_it(client, world, june):
    swap = a_swap_asked(client, world)
    with time_machine.travel(BEFORE_JUNE):
        answer(client, world, swap, "0")
        client.force_login(world.member)
        response = client.get(reverse("roster:swaps"))
    swap.refresh_from_db()
    assert swap.status == SwapStatus.DECLINED
    assert response.context["history"] == [swap]
    assert "Người được đề nghị từ chối" in response.content.decode()


def test_the_requester_cancels_and_the_shifts_can_be_offered_again(client, world, june):
    swap = a_swap_asked(client, world)
    give = swap.give
    with time_machine.travel(BEFORE_JUNE):
        response = client.get(reverse("roster:swaps"))
        assert give not in response.context["form"].fields["give"].queryset
        assert response.context["waiting"] == [swap]
        client.post(reverse("roster:cancel", args=[swap.pk]))
        response = client.get(reverse("roster:swaps"))
    swap.refresh_from_db()
    assert swap.status == SwapStatus.CANCELLED
    assert give in response.context["form"].fields["give"].queryset


def test_only_the_asked_member_answers_and_only_a_leader_approves(client, world, june):
    swap = a_swap_asked(client, world)
    with time_machine.travel(BEFORE_JUNE):
        # The requester cannot answer their own request, nor can the leader.
        assert client.post(reverse("roster:answer", args=[swap.pk])).status_code == 404
        client.force_login(world.leader)
        assert client.post(reverse("roster:answer", args=[swap.pk])).status_code == 404
        answer(client, world, swap, "1")
        # The asked member leads another village's team, not the requester's.
        response = client.post(reverse("roster:approve", args=[swap.pk]), {"approve": "1"})
        assert response.status_code == 404
        client.force_login(world.member)
        response = client.post(reverse("roster:approve", args=[swap.pk]), {"approve": "1"})
        assert response.status_code == 403
        client.force_login(world.outsider)
        response = client.post(reverse("roster:approve", args=[swap.pk]), {"approve": "1"})
        assert response.status_code == 404
        client.force_login(world.city)
        assert not client.get(reverse("roster:swaps")).context["to_approve"]
    swap.refresh_from_db()
    assert swap.status == SwapStatus.ACCEPTED


def test_the_commune_officer_approves_or_rejects(client, world, june):
    swap = a_swap_asked(client, world)
    give = swap.give
    with time_machine.travel(BEFORE_JUNE):
        answer(client, world, swap, "1")
        client.force_login(world.commune)
        assert client.get(reverse("roster:swaps")).context["to_approve"] == [swap]
        client.post(reverse("roster:approve", args=[swap.pk]), {"approve": "0"})
    swap.refresh_from_db()
    give.refresh_from_db()
    assert swap.status == SwapStatus.REJECTED and give.member == world.member.member


def test_the_swap_form_offers_only_shifts_ahead_in_the_commune(client, world, june):
    client.force_login(world.member)
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)):
        form = client.get(reverse("roster:swaps")).context["form"]
        mine = list(form.fields["give"].queryset)
        theirs = list(form.fields["take"].queryset)
    cut = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)
    assert mine and all(a.member == world.member.member for a in mine)
    assert all(a.shift.starts_at > cut for a in mine + theirs)
    assert theirs and all(a.member != world.member.member for a in theirs)
    assert all(a.shift.commune == world.chiminh.commune for a in theirs)
    label = dict(form.fields["take"].choices)
    assert any("Lê Văn Khánh" in str(text) for text in label.values())


def test_a_past_shift_cannot_be_swapped(client, world, june):
    give = first_shift_of(world.member.member)
    take = first_shift_of(world.other_leader.member)
    with time_machine.travel(datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)):
        response = ask(client, world, give, take)
    assert response.context["form"].errors
    assert not SwapRequest.objects.exists()
