from django.apps import apps
from django.urls import reverse


def figures(response):
    return dict(response.context["figures"])


def test_it_asks_for_a_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_sends_each_role_to_its_own_page(client, world):
    landings = {
        world.member: reverse("support:log"),
        world.leader: reverse("teams:index"),
        # The world's commune has no office hours nor report settings: its setup is not done.
        world.commune: reverse("setup_checklist"),
    }
    # Officers land on the overview when its app is installed, else on these figures.
    officers = [world.city]
    if apps.is_installed("hocvuso.overview"):
        landings.update({officer: reverse("overview:index") for officer in officers})
    else:
        for officer in officers:
            client.force_login(officer)
            assert client.get(reverse("home")).status_code == 200
    for user, url in landings.items():
        client.force_login(user)
        response = client.get(reverse("home"))
        assert (response.status_code, response.url) == (302, url), user.username


def test_it_shows_the_superuser_the_figures_of_every_commune(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    shown = figures(response)
    assert shown["Xã, phường"] == 3
    assert shown["Lượt hỗ trợ (bản ghi)"] == 12
    assert shown["Tổ công nghệ số cộng đồng"] == 9


def test_it_writes_large_figures_the_vietnamese_way(client, world):
    from hocvuso.support.models import SupportVisit
    from hocvuso.support.totals import rebuild

    # Changed past the service, as a loader would: the figures follow once counted again.
    SupportVisit.objects.filter(pk=world.chiminh.visits[0].pk).update(people=1500)
    rebuild([world.chiminh.commune.pk])
    client.force_login(world.admin)
    assert "1.511" in client.get(reverse("home")).content.decode()


def test_the_country_s_figures_read_the_daily_totals_not_every_visit(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hocvuso.support.models import SupportVisit

    client.force_login(world.admin)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    table = SupportVisit._meta.db_table
    assert not [q for q in captured.captured_queries if f'"{table}"' in q["sql"]]
