"""The province makes its communes' officer accounts: all or none, each with a one-time link."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hocvuso.accounts.models import SetupLink, User, UserRole, token_hash
from hocvuso.accounts.services import OfficerInput, create_officer_accounts
from hocvuso.testing_units import units_once

from .setup_units import build_new_communes


@pytest.fixture(scope="module")
def place(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as units:
        yield build_new_communes(units)


def row(commune, name="Lò Thị Hoa", phone="0912 345 678", **more):
    return OfficerInput(commune_id=commune.pk, full_name=name, phone=phone, key=commune.pk, **more)


def errors_of(error: ValidationError, commune) -> list[str]:
    return error.value.message_dict[str(commune.pk)]


def test_it_makes_the_officers_of_two_communes_each_with_a_hashed_link(db, place):
    officer = place.units.province_officer
    issued = create_officer_accounts(
        officer,
        place.units.province,
        [
            row(place.na_sang, phone="+84 912.345.678", email="hoa@example.vn"),
            row(place.muong_lay, name="Quàng Văn Nam", phone="0388123456"),
        ],
    )
    na_sang = User.objects.get(unit=place.na_sang)
    assert (na_sang.username, na_sang.role, na_sang.phone) == (
        "xanasang",
        UserRole.COMMUNE_OFFICER,
        "0912345678",
    )
    assert na_sang.get_full_name() == "Lò Thị Hoa" and na_sang.email == "hoa@example.vn"
    assert not na_sang.has_usable_password()
    assert User.objects.get(unit=place.muong_lay).username == "phuongmuonglay"
    assert [link.user for link in issued] == [na_sang, User.objects.get(unit=place.muong_lay)]
    stored = SetupLink.objects.get(user=na_sang)
    # Only the hash is kept; the token lives only in what was returned.
    assert stored.token_hash == token_hash(issued[0].token) != issued[0].token
    assert stored.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)
    assert stored.created_by == officer
    entry = LogEntry.objects.get_for_object(na_sang).get()
    assert entry.actor == officer and "password" not in entry.changes_dict


def test_it_refuses_a_phone_that_is_no_vietnamese_mobile_and_makes_nothing(db, place):
    with pytest.raises(ValidationError) as error:
        create_officer_accounts(
            place.units.province_officer,
            place.units.province,
            [row(place.na_sang), row(place.muong_lay, phone="0215 3825 123")],
        )
    assert errors_of(error, place.muong_lay) == [
        "Số điện thoại “0215 3825 123” không phải số di động Việt Nam: cần 10 chữ số, "
        "bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678)."
    ]
    assert not User.objects.filter(unit__in=[place.na_sang, place.muong_lay]).exists()


def test_it_refuses_a_login_already_taken(db, place):
    with pytest.raises(ValidationError) as error:
        create_officer_accounts(
            place.units.province_officer,
            place.units.province,
            [row(place.na_sang, username="SoDienBien")],
        )
    assert errors_of(error, place.na_sang) == [
        "Tên đăng nhập “sodienbien” đã có người dùng; hãy chọn tên khác."
    ]


def test_it_refuses_the_same_login_typed_twice_in_one_submission(db, place):
    with pytest.raises(ValidationError) as error:
        create_officer_accounts(
            place.units.province_officer,
            place.units.province,
            [row(place.na_sang, username="canbo1"), row(place.muong_lay, username="canbo1")],
        )
    assert errors_of(error, place.muong_lay) == [
        f"Tên đăng nhập “canbo1” trùng với dòng {place.na_sang.pk}."
    ]
    assert not User.objects.filter(username="canbo1").exists()


def test_it_refuses_one_commune_twice_in_one_submission(db, place):
    first = row(place.na_sang)
    again = OfficerInput(place.na_sang.pk, "Lò Văn Hai", "0987654321", key="dòng 2")
    with pytest.raises(ValidationError) as error:
        create_officer_accounts(place.units.province_officer, place.units.province, [first, again])
    assert error.value.message_dict["dòng 2"] == [
        f"Xã Na Sang đã có ở dòng {place.na_sang.pk}; mỗi đơn vị một dòng."
    ]
    assert not User.objects.filter(unit=place.na_sang).exists()


def test_it_refuses_a_commune_of_another_province(db, place):
    with pytest.raises(ValidationError) as error:
        create_officer_accounts(
            place.units.province_officer,
            place.units.province,
            [row(place.na_sang), row(place.far)],
        )
    assert errors_of(error, place.far) == ["Xã Tiên Lãng không thuộc tỉnh Điện Biên."]
    assert not User.objects.filter(unit__in=[place.na_sang, place.far]).exists()


def test_it_refuses_a_commune_that_has_an_officer_already(db, place):
    ward = place.units.ward.commune
    with pytest.raises(ValidationError) as error:
        create_officer_accounts(place.units.province_officer, place.units.province, [row(ward)])
    assert errors_of(error, ward) == [
        "Phường Điện Biên Phủ đã có tài khoản cán bộ “phuongdbp”; nếu cán bộ quên mật khẩu, "
        "hãy cấp liên kết mới cho tài khoản đó."
    ]


def test_it_says_what_is_missing_in_a_row(db, place):
    with pytest.raises(ValidationError) as error:
        create_officer_accounts(
            place.units.province_officer,
            place.units.province,
            [row(place.na_sang, name=" ", phone="", email="hoa@", username="x y")],
        )
    assert errors_of(error, place.na_sang) == [
        "Hãy nhập họ và tên của cán bộ.",
        "Hãy nhập số điện thoại di động của cán bộ.",
        "Email “hoa@” không hợp lệ (ví dụ ten@example.vn).",
        "Tên đăng nhập “x y” không hợp lệ: dùng 3–40 chữ cái không dấu, chữ số, dấu chấm, "
        "gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số.",
    ]


def test_a_made_login_steps_aside_for_one_that_exists(db, place):
    User.objects.create_user("xanasang", role=UserRole.TEAM_MEMBER)
    issued = create_officer_accounts(
        place.units.province_officer, place.units.province, [row(place.na_sang)]
    )
    assert issued[0].user.username == "xanasang2"


def test_only_the_provinces_own_officer_makes_its_accounts(db, place):
    for outsider in (place.far_officer, place.units.ward.officer, place.units.ward.member):
        with pytest.raises(PermissionDenied):
            create_officer_accounts(outsider, place.units.province, [row(place.na_sang)])
    assert not User.objects.filter(unit=place.na_sang).exists()
