"""The second factor: officers and administrators pass it before any page; members may."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hocvuso.accounts.models import SignInEvent, SignInEventKind
from hocvuso.testing import PASSWORD

SETUP = reverse("accounts:second_factor_setup")
VERIFY = reverse("accounts:second_factor_verify")


@pytest.fixture(autouse=True)
def required(settings):
    settings.OTP_REQUIRED = True


def code_of(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def sign_in(client, username):
    answer = client.post("/dang-nhap/", {"username": username, "password": PASSWORD})
    assert answer.status_code == 302
    return answer


def set_up(client, user) -> list[str]:
    """Set up an app through the pages; the recovery codes shown."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    page = client.post(SETUP, {"code": code_of(device), "next": "/tai-khoan/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", page.content.decode())
    assert page.status_code == 200 and codes
    return codes


def kinds(user) -> list[str]:
    return list(SignInEvent.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def test_a_password_only_session_of_an_officer_reaches_no_officer_page(world, client):
    sign_in(client, "xachiminh")
    for url in ["/", reverse("accounts:index"), "/tong-quan/", "/quan-tri/"]:
        page = client.get(url)
        assert page.status_code == 302, url
        assert page.url.startswith(SETUP), url
    api = client.get("/api/v1/me")
    assert api.status_code == 403 and "xác thực hai bước" in api.json()["detail"]


def test_a_password_only_session_of_an_administrator_cannot_open_the_admin(world, client):
    client.force_login(world.admin)
    page = client.get("/quan-tri/accounts/user/")
    assert page.status_code == 302 and page.url.startswith(SETUP)


def test_an_officer_sets_up_an_app_and_gets_ten_recovery_codes(world, client):
    sign_in(client, "xachiminh")
    page = client.get(f"{SETUP}?next=/tai-khoan/")
    text = page.content.decode()
    assert page.status_code == 200 and "<svg" in text and 'id="manual-key"' in text
    device = TOTPDevice.objects.get(user=world.commune, confirmed=False)

    wrong = client.post(SETUP, {"code": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    # A wrong code makes the next try wait a second (django-otp's throttling).
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):
        codes = set_up(client, world.commune)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("accounts:index")).status_code == 200
    assert client.get("/quan-tri/").status_code == 200
    assert kinds(world.commune)[-2:] == [SignInEventKind.MFA_FAILED, SignInEventKind.MFA_SETUP]


def test_next_time_the_officer_enters_a_code_from_the_app_or_a_recovery_code(world, client):
    sign_in(client, "xachiminh")
    codes = set_up(client, world.commune)
    client.post(reverse("logout"))

    sign_in(client, "xachiminh")
    page = client.get(reverse("accounts:index"))
    assert page.status_code == 302 and page.url.startswith(VERIFY)
    # Setting up another app is no way round the code.
    assert client.get(SETUP).url.startswith(VERIFY)
    wrong = client.post(VERIFY, {"code": "123456", "next": "/tai-khoan/"})
    assert "Mã không đúng" in wrong.content.decode()
    assert SignInEvent.objects.filter(kind=SignInEventKind.MFA_FAILED).exists()

    right = client.post(VERIFY, {"code": codes[0].upper(), "next": "/tai-khoan/"})
    assert right.status_code == 302 and right.url == "/tai-khoan/"
    assert client.get("/tai-khoan/").status_code == 200
    assert kinds(world.commune)[-1] == SignInEventKind.MFA_VERIFIED
    client.post(reverse("logout"))

    sign_in(client, "xachiminh")
    used = client.post(VERIFY, {"code": codes[0]})
    assert used.status_code == 200 and "Mã không đúng hoặc đã dùng" in used.content.decode()


def test_a_code_from_the_app_verifies_the_session(world, client):
    device = TOTPDevice.objects.create(user=world.city, name="app", confirmed=True)
    sign_in(client, "sokhcn")
    answer = client.post(VERIFY, {"code": code_of(device), "next": "/"})
    assert answer.status_code == 302 and answer.url == "/"
    assert client.get(reverse("accounts:index")).status_code == 200


def test_team_members_are_not_forced_but_once_they_set_up_an_app_they_pass_it(world, client):
    sign_in(client, "tovien")
    assert client.get(reverse("accounts:index")).status_code == 200
    set_up(client, world.member)
    client.post(reverse("logout"))
    sign_in(client, "tovien")
    page = client.get(reverse("accounts:index"))
    assert page.status_code == 302 and page.url.startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(world, client):
    sign_in(client, "xachiminh")
    old = set_up(client, world.commune)
    status = client.get(reverse("accounts:second_factor")).content.decode()
    assert "Còn <strong>10</strong> mã dự phòng" in status
    page = client.post(reverse("accounts:second_factor_codes"))
    new = re.findall(r"<li><code>(\w+)</code></li>", page.content.decode())
    assert len(new) == 10
    tokens = set(
        StaticToken.objects.filter(device__user=world.commune).values_list("token", flat=True)
    )
    assert tokens == set(new) and not tokens & set(old)
    assert kinds(world.commune)[-1] == SignInEventKind.MFA_CODES


def test_an_officer_resets_their_app_and_must_set_up_a_new_one(world, client):
    sign_in(client, "xachiminh")
    set_up(client, world.commune)
    answer = client.post(reverse("accounts:second_factor_reset"))
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.commune).exists()
    assert not StaticToken.objects.filter(device__user=world.commune).exists()
    page = client.get(reverse("accounts:index"))
    assert page.status_code == 302 and page.url.startswith(SETUP)
    assert kinds(world.commune)[-1] == SignInEventKind.MFA_RESET


def test_an_administrator_resets_another_accounts_app_in_the_admin(world, client):
    TOTPDevice.objects.create(user=world.commune, name="app", confirmed=True)
    admin_device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    sign_in(client, "admin")
    client.post(VERIFY, {"code": code_of(admin_device)})
    answer = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [world.commune.pk]},
    )
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.commune).exists()
    event = SignInEvent.objects.get(kind=SignInEventKind.MFA_RESET)
    assert event.user == world.commune and event.by == world.admin


def test_the_admin_never_shows_the_secrets_of_the_second_factor(world, client, settings):
    settings.OTP_REQUIRED = False
    client.force_login(world.admin)
    text = client.get("/quan-tri/").content.decode()
    assert "otp_totp" not in text and "otp_static" not in text
