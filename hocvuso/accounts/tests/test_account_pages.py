"""The account pages: the one-time link, one's password, a forgotten one, a new link."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from hocvuso.accounts.models import SetupLink
from hocvuso.accounts.services import issue_setup_link
from hocvuso.testing_units import PASSWORD, units_once

from .setup_units import build_new_communes, fresh

NEW = "hoa-dat-mat-khau-2026"


@pytest.fixture(scope="module")
def place(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as units:
        yield build_new_communes(units)


def link_page(token):
    return reverse("accounts:set_password", args=[token])


def test_the_link_sets_the_password_signs_in_and_lands_the_officer_on_the_checklist(
    db, client, place
):
    officer = fresh(place.units.ward.officer)
    link = issue_setup_link(place.units.province_officer, officer)
    page = client.get(link_page(link.token))
    assert page.status_code == 200 and "phuongdbp" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"

    mismatch = client.post(
        link_page(link.token), {"new_password1": NEW, "new_password2": NEW + "x"}
    )
    assert "Hai trường mật khẩu không giống nhau." in mismatch.content.decode()
    assert SetupLink.objects.get(user=officer).used_at is None

    done = client.post(link_page(link.token), {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done.url == reverse("setup_checklist")
    assert client.get(reverse("accounts:index")).context["user"] == officer
    officer.refresh_from_db()
    assert officer.check_password(NEW)


def test_a_used_link_answers_with_a_clear_message_and_changes_nothing(db, client, place):
    member = fresh(place.units.ward.member)
    link = issue_setup_link(place.units.ward.officer, member)
    client.post(link_page(link.token), {"new_password1": NEW, "new_password2": NEW})
    client.logout()
    again = client.post(
        link_page(link.token),
        {"new_password1": "mat-khau-khac-2026", "new_password2": "mat-khau-khac-2026"},
    )
    assert again.status_code == 410
    text = again.content.decode()
    assert "mỗi liên kết chỉ dùng được một lần" in text
    assert "Không có gì thay đổi" in text
    member.refresh_from_db()
    assert member.check_password(NEW)


def test_anyone_changes_their_own_password(db, client, place):
    member = fresh(place.units.mountain.member)
    client.force_login(member)
    url = reverse("accounts:change_password")
    wrong = client.post(url, {"old_password": "sai", "new_password1": NEW, "new_password2": NEW})
    assert "Mật khẩu cũ không chính xác" in wrong.content.decode()
    short = client.post(
        url, {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"}
    )
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in short.content.decode()
    done = client.post(url, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW)
    # Still signed in on this browser.
    assert client.get(reverse("accounts:index")).status_code == 200


def test_every_page_links_to_ones_account(db, client, place):
    client.force_login(fresh(place.units.mountain.member))
    text = client.get(reverse("accounts:change_password")).content.decode()
    assert f'href="{reverse("accounts:index")}"' in text


def test_without_a_mail_server_a_forgotten_password_goes_through_the_officer(db, client, place):
    text = client.get(reverse("accounts:forgotten")).content.decode()
    assert "cấp một liên kết mới" in text
    assert 'name="email"' not in text


def test_with_a_mail_server_a_forgotten_password_is_reset_by_email(db, client, place, settings):
    settings.EMAIL_HOST = "smtp.example.vn"
    member = fresh(place.units.mountain.member)
    member.email = "vien@example.vn"
    member.save()
    sent = client.post(reverse("accounts:forgotten"), {"email": "vien@example.vn"})
    assert sent.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["vien@example.vn"]
    assert "Đặt lại mật khẩu" in message.subject
    path = re.search(r"https?://[^/]+(/tai-khoan/quen-mat-khau/\S+/)", message.body).group(1)
    form = client.get(path, follow=True)
    assert "Mật khẩu mới" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW)


def test_a_commune_officer_hands_its_member_a_new_link_on_a_printable_page(db, client, place):
    ward = place.units.ward
    client.force_login(ward.officer)
    index = client.get(reverse("accounts:index")).content.decode()
    assert ward.member.username in index and place.units.mountain.member.username not in index

    handed = client.post(reverse("accounts:issue_link", args=[ward.member.pk]), follow=True)
    text = handed.content.decode()
    assert "<svg" in text and ward.member.username in text
    token = re.search(r"/tai-khoan/dat-mat-khau/([\w-]+)/", text).group(1)
    assert SetupLink.objects.usable().get(user=ward.member).token_hash != token
    # Shown once: a reload shows no link.
    again = client.get(reverse("accounts:links")).content.decode()
    assert "/tai-khoan/dat-mat-khau/" not in again and "mỗi liên kết chỉ hiện một lần" in again


def test_a_commune_officer_finds_no_member_of_another_commune(db, client, place):
    client.force_login(place.units.ward.officer)
    other = fresh(place.units.mountain.member)
    assert client.post(reverse("accounts:issue_link", args=[other.pk])).status_code == 404
    assert not SetupLink.objects.filter(user=other).exists()


def test_with_a_mail_server_the_link_goes_by_email_and_is_not_shown(db, client, place, settings):
    settings.EMAIL_HOST = "smtp.example.vn"
    officer = fresh(place.units.mountain.officer)
    officer.email = "canbo@example.vn"
    officer.save()
    client.force_login(place.units.province_officer)
    handed = client.post(reverse("accounts:issue_link", args=[officer.pk]), follow=True)
    text = handed.content.decode()
    assert "Đã gửi liên kết tới email <strong>canbo@example.vn</strong>" in text
    assert "/tai-khoan/dat-mat-khau/" not in text
    (message,) = mail.outbox
    assert "xamuongphang" in message.body and "/tai-khoan/dat-mat-khau/" in message.body
