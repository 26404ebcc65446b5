"""The admin goes through the same scope as the pages."""

from auditlog.models import LogEntry
from django.urls import reverse

from hocvuso.support.models import SupportVisit
from hocvuso.units.models import Level, Unit


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_it_lists_only_the_commune_officers_visits(client, world):
    client.force_login(world.commune)
    response = client.get(reverse("admin:support_supportvisit_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 4
    ids = {v.pk for v in response.context["cl"].result_list}
    assert ids == {v.pk for v in world.chiminh.visits}


def test_it_hides_another_communes_visit_from_the_commune_officer(client, world):
    client.force_login(world.outsider)
    visit = world.chiminh.visits[0]
    response = client.get(change_url(visit))
    # The admin answers a record outside the queryset by redirecting to its index.
    assert response.status_code == 302
    response = client.post(change_url(visit), {"people": 99})
    assert response.status_code in (302, 403)
    visit.refresh_from_db()
    assert visit.people == 1


def test_it_refuses_to_delete_another_communes_visit(client, world):
    client.force_login(world.outsider)
    visit = world.chiminh.visits[0]
    url = reverse("admin:support_supportvisit_delete", args=[visit.pk])
    client.post(url, {"post": "yes"})
    assert SupportVisit.objects.filter(pk=visit.pk).exists()


def test_it_offers_only_villages_of_the_officers_commune(client, world):
    client.force_login(world.commune)
    response = client.get(reverse("admin:support_supportvisit_add"))
    village_field = response.context["adminform"].form.fields["village"]
    assert set(village_field.queryset) == set(world.chiminh.villages)


def test_it_refuses_a_visit_saved_into_another_commune(client, world):
    client.force_login(world.commune)
    before = SupportVisit.objects.count()
    response = client.post(
        reverse("admin:support_supportvisit_add"),
        {
            "commune": world.tanky.commune.pk,
            "occurred_at_0": "02/03/2026",
            "occurred_at_1": "09:00",
            "place": "centre",
            "services": [1],
            "people": 1,
            "gender": "unknown",
            "age_band": "unknown",
            "outcome": "done",
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "commune" in response.context["adminform"].form.errors
    assert SupportVisit.objects.count() == before


def test_it_lets_the_commune_officer_record_a_visit_with_an_audit_entry(client, world):
    client.force_login(world.commune)
    response = client.post(
        reverse("admin:support_supportvisit_add"),
        {
            "commune": world.chiminh.commune.pk,
            "village": world.chiminh.villages[0].pk,
            "occurred_at_0": "02/03/2026",
            "occurred_at_1": "09:00",
            "place": "centre",
            "services": [1, 2],
            "people": 3,
            "gender": "mixed",
            "age_band": "60_plus",
            "outcome": "done",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    visit = SupportVisit.objects.latest("pk")
    assert visit.people == 3 and visit.elderly and visit.created_by == world.commune
    entries = LogEntry.objects.get_for_object(visit)
    created = entries.get(action=LogEntry.Action.CREATE)
    assert created.actor == world.commune
    assert created.changes_dict["people"] == ["None", "3"]
    # The services, saved after the row, are recorded as well.
    assert any("services" in e.changes_dict for e in entries)


def test_it_keeps_the_change_of_a_visit_in_the_audit_trail(client, world):
    client.force_login(world.commune)
    visit = world.chiminh.visits[0]
    data = {
        "commune": visit.commune_id,
        "village": visit.village_id,
        "team": visit.team_id,
        "member": visit.member_id,
        "occurred_at_0": "02/03/2026",
        "occurred_at_1": "09:00",
        "place": visit.place,
        "services": [s.pk for s in visit.services.all()],
        "people": 5,
        "gender": "unknown",
        "age_band": "unknown",
        "outcome": "partly",
    }
    response = client.post(change_url(visit), data)
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(visit).get(
        action=LogEntry.Action.UPDATE, changes__has_key="people"
    )
    assert entry.actor == world.commune
    assert entry.changes_dict["people"] == ["1", "5"]
    assert entry.changes_dict["outcome"] == ["done", "partly"]


def test_it_keeps_team_leaders_and_members_out_of_the_admin(client, world):
    for persona in (world.leader, world.member):
        persona.is_staff = True  # even if someone ticks the box by mistake
        persona.save()
        client.force_login(persona)
        response = client.get(reverse("admin:support_supportvisit_changelist"))
        assert response.status_code == 403


def test_it_shows_the_city_officer_both_communes_of_the_city(client, world):
    client.force_login(world.city)
    response = client.get(reverse("admin:support_supportvisit_changelist"))
    assert response.context["cl"].result_count == 8


def test_it_lets_the_officer_add_a_village_but_not_edit_the_official_communes(client, world):
    client.force_login(world.commune)
    response = client.post(
        reverse("admin:units_unit_add"),
        {
            "level": "village",
            "kind": "thon",
            "code": "11131-03",
            "name": "Thôn 3",
            "short_name": "Thôn 3",
            "parent": world.chiminh.commune.pk,
        },
    )
    assert response.status_code == 302
    assert Unit.objects.get(level=Level.VILLAGE, code="11131-03").commune_scope == (
        world.chiminh.commune
    )
    response = client.post(
        change_url(world.chiminh.commune),
        {
            "level": "commune",
            "kind": "xa",
            "code": "11131",
            "name": "Xã Khác",
            "short_name": "Khác",
        },
    )
    assert response.status_code == 403
    world.chiminh.commune.refresh_from_db()
    assert world.chiminh.commune.name == "Xã Chí Minh"


def test_the_admin_speaks_vietnamese(client, world):
    client.force_login(world.commune)
    response = client.get(reverse("admin:index"))
    text = response.content.decode()
    assert "Lượt hỗ trợ" in text and "Tổ công nghệ số cộng đồng" in text
    assert "Thoát" in text
