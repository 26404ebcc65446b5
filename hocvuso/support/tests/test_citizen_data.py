"""A visit's note refuses a citizen's phone, identity number or name at every door."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hocvuso.support.models import SupportVisit
from hocvuso.support.services import VisitInput, record_visit


def test_the_service_refuses_a_note_with_a_citizens_phone(world):
    before = SupportVisit.objects.count()
    with pytest.raises(ValidationError) as error:
        record_visit(world.member, VisitInput(services=["qr-payment"], note="Gọi lại 0912 345 678"))
    assert (
        "Ghi chú không được chứa số điện thoại của người dân" in error.value.message_dict["note"][0]
    )
    assert SupportVisit.objects.count() == before


def test_the_service_keeps_an_ordinary_note(world):
    visit, _ = record_visit(
        world.member, VisitInput(services=["qr-payment"], note="Hướng dẫn cài VNeID cho 2 người")
    )
    assert visit.note == "Hướng dẫn cài VNeID cho 2 người"


def test_the_change_page_refuses_a_note_with_a_name(client, world):
    visit, _ = record_visit(world.member, VisitInput(services=["qr-payment"]))
    client.force_login(world.member)
    response = client.post(
        reverse("support:change", args=[visit.pk]),
        {"services": ["qr-payment"], "place": "home", "people": 1, "note": "Hỗ trợ bà Hoa"},
    )
    assert response.status_code == 422
    assert "họ tên của người dân" in response.json()["errors"]["note"]
    visit.refresh_from_db()
    assert visit.note == ""


def test_the_model_refuses_it_for_the_admin(world):
    visit = SupportVisit(note="CCCD 001234567890")
    with pytest.raises(ValidationError) as error:
        visit.clean_fields(exclude=[f.name for f in SupportVisit._meta.fields if f.name != "note"])
    assert "căn cước công dân" in error.value.message_dict["note"][0]
