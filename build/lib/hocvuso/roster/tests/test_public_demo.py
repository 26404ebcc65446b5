"""The public page of the demo commune: two members a shift, the rapid-response team, privacy."""

import pytest
from django.urls import reverse

from hocvuso.teams.models import Member

pytestmark = pytest.mark.django_db


def test_the_demo_communes_page_names_first_names_and_published_phones_only(client, demo):
    response = client.get(reverse("roster:public_commune", args=["11131"]), {"ngay": "2026-09-01"})
    text = response.content.decode()
    assert "Nghỉ lễ: Quốc khánh" in text
    [week] = response.context["week"]
    on_duty = [cell for row in week.rows for _, cell in row.slots]
    assert on_duty and all(len(cell) == 2 for cell in on_duty)
    for member in Member.objects.all():
        assert member.full_name not in text
        if member.phone and not member.publish_phone:
            assert member.phone not in text
    [contact] = response.context["contacts"]
    assert contact.leader and contact.phone
    assert f"tổ trưởng {contact.leader}" in text and f'href="tel:{contact.phone}"' in text
