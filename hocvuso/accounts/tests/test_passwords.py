"""Passwords: judged by length and against common ones, hashed with Argon2."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from hocvuso.accounts.models import User
from hocvuso.settings import PASSWORD_HASHERS
from hocvuso.testing import PASSWORD


def refusal(password, user=None) -> list[str]:
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    return error.value.messages


def test_passwords_are_judged_by_length_and_commonness_in_vietnamese():
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in refusal("12345678")
    assert refusal("password123") == ["Mật khẩu này quá phổ biến."]
    assert refusal("mxq-7bvzt") == ["Mật khẩu quá ngắn: cần ít nhất 10 ký tự."]
    # The Vietnamese ones people choose most, however written.
    common = "Mật khẩu này quá phổ biến, dễ bị đoán ra. Hãy chọn một câu dài mà chỉ bạn biết."
    for password in [
        "matkhau123",
        "Mật Khẩu 2026",
        "anhyeuem@123",
        "Việt Nam vô địch",
        "hocvuso2026",
    ]:
        assert common in refusal(password), password
    # A long passphrase needs no digits, capitals or symbols.
    validate_password("mây trắng bay xa")
    validate_password("ruong lua chin vang")


def test_a_password_like_the_name_is_refused_in_vietnamese():
    user = User(username="hoangvanthu", first_name="Thu", last_name="Hoàng Văn")
    assert refusal("hoangvanthu1", user) == ["Mật khẩu quá giống với Tên đăng nhập."]


def test_an_old_pbkdf2_hash_still_signs_in_and_becomes_argon2(world, client, settings):
    settings.PASSWORD_HASHERS = PASSWORD_HASHERS
    assert PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    # Few iterations keep the test fast; the hash is rewritten either way.
    old = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations=1000)
    User.objects.filter(pk=world.member.pk).update(password=old)
    answer = client.post("/dang-nhap/", {"username": "tovien", "password": PASSWORD})
    assert answer.status_code == 302
    world.member.refresh_from_db()
    assert world.member.password.startswith("argon2")
    assert world.member.check_password(PASSWORD)
