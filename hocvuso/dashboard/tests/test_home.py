from django.urls import reverse


def figures(response):
    return dict(response.context["figures"])


def test_it_asks_for_a_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_the_commune_officer_the_figures_of_their_commune(client, world):
    client.force_login(world.commune)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    shown = figures(response)
    assert shown["Lượt hỗ trợ (bản ghi)"] == 4
    assert shown["Thôn/tổ dân phố"] == 2
    assert shown["Tổ công nghệ số cộng đồng"] == 3
    assert "Xã Chí Minh" in response.content.decode()


def test_it_shows_the_city_officer_every_commune_of_the_city(client, world):
    client.force_login(world.city)
    shown = figures(client.get(reverse("home")))
    assert shown["Xã/phường"] == 2
    assert shown["Lượt hỗ trợ (bản ghi)"] == 8


def test_it_shows_a_village_leader_nothing_of_another_village(client, world):
    client.force_login(world.leader)
    shown = figures(client.get(reverse("home")))
    assert shown["Lượt hỗ trợ (bản ghi)"] == 2
    assert shown["Tổ công nghệ số cộng đồng"] == 1
    assert shown["Nhóm Zalo"] == 1


def test_it_writes_large_figures_the_vietnamese_way(client, world):
    from hocvuso.support.models import SupportVisit

    SupportVisit.objects.filter(pk=world.chiminh.visits[0].pk).update(people=1500)
    client.force_login(world.commune)
    assert "1.503" in client.get(reverse("home")).content.decode()
