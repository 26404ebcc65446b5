"""The province's page of its communes' officer accounts, and its spreadsheet."""

import io

import openpyxl
import pytest
from django.urls import reverse

from hocvuso.accounts.models import SetupLink, User, UserRole
from hocvuso.accounts.tests.setup_units import build_new_communes
from hocvuso.testing_units import ELSEWHERE, foreign_words, units_once

URL = "/thanh-pho/tai-khoan/"


@pytest.fixture(scope="module")
def place(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as units:
        yield build_new_communes(units)


def upload(client, book):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "can-bo.xlsx"
    return client.post(reverse("city:accounts_upload"), {"file": buffer}, follow=True)


def test_it_lists_every_commune_of_the_province_with_its_officers(db, client, place):
    client.force_login(place.units.province_officer)
    page = client.get(URL)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tài khoản cán bộ xã, phường của tỉnh Điện Biên" in text
    for commune in (place.na_sang, place.muong_lay, place.units.ward.commune):
        assert f'id="commune-{commune.pk}"' in text
    assert f'name="full_name-{place.na_sang.pk}"' in text
    # A commune with an officer shows it, and no boxes for another.
    assert f'name="full_name-{place.units.ward.commune.pk}"' not in text
    assert "phuongdbp" in text
    assert place.far.name not in text
    assert foreign_words(text, ELSEWHERE) == {}


def test_it_makes_the_officers_typed_in_and_shows_their_links_once(db, client, place):
    client.force_login(place.units.province_officer)
    page = client.post(
        URL,
        {
            f"full_name-{place.na_sang.pk}": "Lò Thị Hoa",
            f"phone-{place.na_sang.pk}": "0912 345 678",
            f"full_name-{place.muong_lay.pk}": "",
        },
        follow=True,
    )
    text = page.content.decode()
    officer = User.objects.get(unit=place.na_sang, role=UserRole.COMMUNE_OFFICER)
    assert officer.username == "xanasang" and officer.phone == "0912345678"
    assert "xanasang" in text and "<svg" in text and "/tai-khoan/dat-mat-khau/" in text
    assert not User.objects.filter(unit=place.muong_lay).exists()


def test_a_bad_row_keeps_what_was_typed_and_makes_nothing(db, client, place):
    client.force_login(place.units.province_officer)
    page = client.post(
        URL,
        {
            f"full_name-{place.na_sang.pk}": "Lò Thị Hoa",
            f"phone-{place.na_sang.pk}": "0912345678",
            f"full_name-{place.muong_lay.pk}": "Quàng Văn Nam",
            f"phone-{place.muong_lay.pk}": "12345",
        },
    )
    text = page.content.decode()
    assert page.status_code == 400
    assert "Chưa tạo tài khoản nào" in text
    assert "Số điện thoại “12345” không phải số di động Việt Nam" in text
    assert 'value="Quàng Văn Nam"' in text and 'value="Lò Thị Hoa"' in text
    assert not User.objects.filter(unit__in=[place.na_sang, place.muong_lay]).exists()


def test_a_posted_commune_of_another_province_is_refused(db, client, place):
    client.force_login(place.units.province_officer)
    page = client.post(
        URL, {f"full_name-{place.far.pk}": "Nguyễn Văn A", f"phone-{place.far.pk}": "0912345678"}
    )
    assert page.status_code == 400
    assert "Xã Tiên Lãng không thuộc tỉnh Điện Biên." in page.content.decode()
    assert not User.objects.filter(unit=place.far).exists()


def test_only_a_city_officer_opens_the_page(db, client, place):
    client.force_login(place.units.ward.officer)
    assert client.get(URL).status_code == 403


def test_the_template_holds_the_communes_without_an_officer_in_the_provinces_words(
    db, client, place
):
    client.force_login(place.units.province_officer)
    response = client.get(reverse("city:accounts_template"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["Cán bộ"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã xã, phường", "Tên xã, phường", "Họ và tên cán bộ")
    listed = {row[1] for row in rows[1:]}
    assert listed == {"Xã Na Sang", "Phường Mường Lay"}


def test_a_filled_template_makes_the_accounts(db, client, place):
    client.force_login(place.units.province_officer)
    template = client.get(reverse("city:accounts_template")).content
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["Cán bộ"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "Xã Na Sang":
            row[2].value, row[3].value = "Lò Thị Hoa", 912345678  # Excel dropped the zero
    page = upload(client, book)
    assert page.redirect_chain[-1][0] == reverse("accounts:links")
    officer = User.objects.get(unit=place.na_sang)
    assert officer.phone == "0912345678"
    assert SetupLink.objects.usable().filter(user=officer).exists()
    assert not User.objects.filter(unit=place.muong_lay).exists()


def test_a_file_with_a_bad_line_says_which_and_makes_nothing(db, client, place):
    client.force_login(place.units.province_officer)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cán bộ"
    sheet.append(["Mã xã, phường", "Tên xã, phường", "Họ và tên cán bộ", "Số điện thoại di động"])
    sheet.append([place.na_sang.code, "", "Lò Thị Hoa", "0912345678"])
    sheet.append(["", "Phường Mường Lay", "Quàng Văn Nam", "0243 123 456"])
    sheet.append([place.far.code, "", "Nguyễn Văn A", "0912345679"])
    text = upload(client, book).content.decode()
    assert "Dòng 3: Số điện thoại “0243 123 456” không phải số di động Việt Nam" in text
    assert "Dòng 4: Xã Tiên Lãng không thuộc tỉnh Điện Biên." in text
    assert not User.objects.filter(unit__in=[place.na_sang, place.muong_lay, place.far]).exists()
