"""The 403, 404 and 500 pages speak Vietnamese, keep the menu and offer a way back (DEBUG off)."""

import re

import pytest
from django.template import loader
from django.test import Client

from hocvuso.testing import World


@pytest.fixture
def member_client(client, world: World):
    client.force_login(world.member)
    return client


def test_it_refuses_in_vietnamese_with_the_reason_the_menu_and_a_way_back(member_client, settings):
    assert settings.DEBUG is False
    response = member_client.get("/thanh-pho/", headers={"referer": "http://testserver/ghi/"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Bạn không có quyền xem trang này" in page
    assert "Chỉ cán bộ cấp tỉnh được xem các trang này." in page
    assert "Forbidden" not in page
    # The member's own menu, and the two ways out.
    assert 'href="/ghi/"' in page and "Ghi lượt hỗ trợ" in page and "Đăng xuất" in page
    assert 'href="http://testserver/ghi/" id="go-back"' in page
    assert 'href="/" id="go-home"' in page


def test_it_does_not_offer_a_way_back_to_another_site(member_client):
    response = member_client.get("/thanh-pho/", headers={"referer": "https://example.com/x"})
    assert response.status_code == 403
    assert "go-back" not in response.content.decode()


def test_it_says_what_was_not_found_when_the_message_is_for_people(client, world: World):
    client.force_login(world.commune)
    response = client.get("/bao-cao/987654/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert "Không tìm thấy báo cáo." in page
    assert "Báo cáo" in page and 'href="/bao-cao/"' in page  # the officer's menu


def test_it_hides_djangos_own_english_message(client, world: World):
    client.force_login(world.city)
    # get_object_or_404 says "No ReportRequest matches the given query."
    response = client.get("/thanh-pho/yeu-cau/987654/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert "matches the given query" not in page
    assert 'id="error-message"' not in page


def test_an_unknown_address_is_a_vietnamese_404_for_a_visitor_too(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and "Not Found" not in page
    assert 'id="go-home"' in page


def test_the_500_page_renders_without_a_request_or_a_database():
    # No `db` fixture: any query here would fail the test.
    page = loader.get_template("500.html").render()
    assert "Máy chủ gặp lỗi" in page
    assert 'href="/"' in page
    assert "Server Error" not in page


@pytest.mark.urls("hocvuso.core.tests.failing_urls")
def test_a_failing_view_answers_with_the_vietnamese_500_page(client, db):
    client.raise_request_exception = False
    response = client.get("/hong/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Máy chủ gặp lỗi" in page and "Về trang chủ" in page
    assert "the database went away" not in page and "Traceback" not in page


@pytest.mark.urls("hocvuso.core.tests.failing_urls")
def test_the_500_pages_own_style_is_let_through_the_content_security_policy(client, db):
    client.raise_request_exception = False
    response = client.get("/hong/", headers={"referer": "http://testserver/ghi/"})
    page = response.content.decode()
    nonce = re.search(r'<style nonce="([^"]+)">', page).group(1)
    assert f"style-src 'self' 'nonce-{nonce}'" in response["Content-Security-Policy"]
    # A way back without `javascript:`, which the policy forbids.
    assert "javascript:" not in page
    assert 'href="http://testserver/ghi/"' in page


def test_an_expired_form_is_explained_in_vietnamese(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Trang đã cũ, thông tin chưa được gửi" in page
    assert "CSRF" not in page and "Forbidden" not in page
