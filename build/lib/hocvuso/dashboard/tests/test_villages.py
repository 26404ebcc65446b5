"""The villages page: a pasted or uploaded list becomes villages with their teams and Zalo
groups, all or nothing; a village is renamed, retyped, retired and restored there.

The units are not the demo: a mountain commune pasting bản and xóm, a ward with tổ
dân phố (hocvuso/testing_units.py), and a southern commune with ấp built here.
"""

import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hocvuso.accounts.models import UserRole
from hocvuso.dashboard import villages as services
from hocvuso.outreach.models import ZaloGroup
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.testing import make_user
from hocvuso.testing_units import units_once
from hocvuso.units.models import Kind, Level, Unit
from hocvuso.units.villages import lines_of_text, plan_villages, split_kind

URL = reverse("units:villages")


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        with django_db_blocker.unblock():
            province = Unit.objects.create(
                level=Level.PROVINCE,
                kind=Kind.TINH,
                code="86",
                name="Tỉnh Vĩnh Long",
                short_name="Vĩnh Long",
            )
            built.south = Unit.objects.create(
                level=Level.COMMUNE,
                kind=Kind.XA,
                code="29770",
                name="Xã Long Hồ",
                short_name="Long Hồ",
                parent=province,
            )
            built.south_officer = make_user("xalongho", UserRole.COMMUNE_OFFICER, built.south)
        yield built


def villages_of(commune):
    return Unit.objects.filter(level=Level.VILLAGE, parent=commune)


def post(client, user, data, commune=None, **extra):
    client.force_login(user)
    url = URL + (f"?xa={commune.code}" if commune is not None else "")
    return client.post(url, data, **extra)


def confirm(client, user, text, default_kind="thon", **choices):
    """Preview `text`, then confirm it with the hidden fields the preview gave."""
    response = post(client, user, {"text": text, "default_kind": default_kind, "preview": "1"})
    assert response.status_code == 200
    plan = response.context["plan"]
    data = {
        "source": response.context["source"],
        "offset": response.context["offset"],
        "default_kind": default_kind,
        "confirm": "1",
        **choices,
    }
    return plan, client.post(URL, data)


# Reading a line


@pytest.mark.parametrize(
    "text, kind, short_name",
    [
        ("Bản Na Son", Kind.BAN, "Na Son"),
        ("Tổ dân phố 3", Kind.TO_DAN_PHO, "3"),
        ("tổ dân phố  3", Kind.TO_DAN_PHO, "3"),
        ("TDP 4", Kind.TO_DAN_PHO, "4"),
        ("Ấp Long Hòa", Kind.AP, "Long Hòa"),
        ("Thôn 5", Kind.THON, "5"),
        ("Xóm Đông", Kind.XOM, "Đông"),
        ("Khu phố 2", Kind.KHU_PHO, "2"),
        ("Buôn Ea Tu", Kind.BUON, "Ea Tu"),
        # Decomposed Unicode, as some keyboards send it, is read as composed.
        ("Ba\u0309n Pa\u0301", Kind.BAN, "Pá"),
        ("Bảnh Hạ", None, "Bảnh Hạ"),
        ("Làng Sen", None, "Làng Sen"),
    ],
)
def test_it_reads_the_kind_from_the_first_words(text, kind, short_name):
    assert split_kind(text) == (kind, short_name)


def test_it_reads_a_kind_column_after_a_tab_or_a_bar_and_a_code_after_it():
    lines = lines_of_text("Na Son | bản\n\nĐồi\txóm\t03334-99\n")
    assert [(line.number, line.name, line.kind, line.code) for line in lines] == [
        (1, "Na Son", "bản", ""),
        (3, "Đồi", "xóm", "03334-99"),
    ]


# Preview, then confirm


def test_the_preview_shows_what_will_be_created_and_saves_nothing(db, client, units):
    commune = units.mountain.commune
    before = villages_of(commune).count()
    text = "Bản Huổi Hua\nXóm Đông\nPá Khoang | bản\nCò Chạy"
    response = post(client, units.mountain.officer, {"text": text, "default_kind": "xom"})
    assert response.status_code == 200
    rows = response.context["plan"].rows
    assert [(r.name, r.kind, r.kind_from) for r in rows] == [
        ("Bản Huổi Hua", "ban", "word"),
        ("Xóm Đông", "xom", "word"),
        ("Bản Pá Khoang", "ban", "column"),
        ("Xóm Cò Chạy", "xom", "default"),
    ]
    # The codes continue the commune's numbering (03334-01 … 03334-03 are taken).
    assert [r.code for r in rows] == ["03334-04", "03334-05", "03334-06", "03334-07"]
    html = response.content.decode()
    assert "Xem trước" in html and "Bản Huổi Hua" in html and "Lưu 4" in html
    assert villages_of(commune).count() == before


def test_confirming_creates_the_villages_their_teams_and_zalo_groups(db, client, units):
    commune = units.mountain.commune
    plan, response = confirm(
        client, units.mountain.officer, "Bản Huổi Hua\nXóm Đông\nCò Chạy", "ban"
    )
    assert response.status_code == 302
    village = villages_of(commune).get(code="03334-06")
    assert (village.name, village.short_name, village.kind) == ("Bản Cò Chạy", "Cò Chạy", "ban")
    team = Team.objects.get(unit=village)
    assert team.name == "Tổ công nghệ số cộng đồng bản Cò Chạy"
    assert (team.level, team.commune) == (TeamLevel.VILLAGE, commune)
    group = ZaloGroup.objects.get(village=village)
    assert (group.name, group.member_count, group.team, group.commune) == (
        "Zalo Bản Cò Chạy",
        0,
        team,
        commune,
    )
    # Every record names its author in the audit log.
    entries = LogEntry.objects.filter(actor=units.mountain.officer)
    assert entries.filter(object_pk=str(village.pk)).exists()
    assert entries.filter(object_pk=str(team.pk), content_type__model="team").exists()
    assert entries.filter(object_pk=str(group.pk), content_type__model="zalogroup").exists()
    client.force_login(units.mountain.officer)
    html = client.get(response.url).content.decode()
    assert "Đã thêm 2 bản, 1 xóm, 3 tổ công nghệ số cộng đồng và 3 nhóm Zalo." in html


def test_a_kind_chosen_on_the_preview_overrides_the_line(db, client, units):
    _, response = confirm(
        client, units.mountain.officer, "Bản Nậm Khẩu\nHuổi Lóng", "ban", **{"kind-2": "xom"}
    )
    assert response.status_code == 302
    names = set(villages_of(units.mountain.commune).values_list("name", flat=True))
    assert {"Bản Nậm Khẩu", "Xóm Huổi Lóng"} <= names


def test_a_ward_pastes_its_to_dan_pho(db, client, units):
    ward = units.ward.commune
    _, response = confirm(client, units.ward.officer, "Tổ dân phố 3\nTổ dân phố 4", "to_dan_pho")
    assert response.status_code == 302
    assert list(villages_of(ward).order_by("code").values_list("code", "name"))[-2:] == [
        ("03127-03", "Tổ dân phố 3"),
        ("03127-04", "Tổ dân phố 4"),
    ]
    assert Team.objects.get(unit__code="03127-04").name == "Tổ công nghệ số cộng đồng tổ dân phố 4"


def test_a_southern_commune_pastes_its_ap(db, client, units):
    _, response = confirm(client, units.south_officer, "Ấp Long Hòa\nẤp Phước Hậu\nẤp 3", "ap")
    assert response.status_code == 302
    assert list(villages_of(units.south).order_by("code").values_list("code", "name", "kind")) == [
        ("29770-01", "Ấp Long Hòa", "ap"),
        ("29770-02", "Ấp Phước Hậu", "ap"),
        ("29770-03", "Ấp 3", "ap"),
    ]
    assert ZaloGroup.objects.filter(commune=units.south).count() == 3


# Refused, and nothing saved


@pytest.mark.parametrize(
    "text, message",
    [
        ("Bản Huổi Hua\nXóm Đông\nbản huổi hua", "Trùng với dòng 1."),
        ("Bản Huổi Hua\nNa Son | làng", "Không có loại “làng”"),
        ("Bản Huổi Hua\nBản", "Thiếu tên."),
        ("Bản Huổi Hua\n | bản", "Thiếu tên."),
        ("Bản Huổi Hua\nBản " + "A" * 130, "Tên dài quá 120 ký tự."),
        ("Bản Huổi Hua\nXóm Na Son", "Trùng tên với Bản Na Son đã có"),
        ("Bản Huổi Hua\tbản\t03334-01", "đã dùng cho một đơn vị khác"),
        ("\n".join(f"Bản {n}" for n in range(201)), "tối đa 200 dòng"),
    ],
)
def test_a_bad_list_is_refused_with_its_reason_and_saves_nothing(db, client, units, text, message):
    commune = units.mountain.commune
    before = (villages_of(commune).count(), Team.objects.count(), ZaloGroup.objects.count())
    plan, response = confirm(client, units.mountain.officer, text, "ban")
    assert not plan.is_valid
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="confirm"' not in response.content.decode()
    after = (villages_of(commune).count(), Team.objects.count(), ZaloGroup.objects.count())
    assert after == before


def test_the_service_refuses_an_invalid_plan_as_a_whole(db, units):
    lines = lines_of_text("Bản Huổi Hua\nBản")
    plan = plan_villages(units.mountain.commune, lines, "ban")
    with pytest.raises(Exception, match="Dòng 2: Thiếu tên."):
        services.set_up_villages(plan)
    assert not villages_of(units.mountain.commune).filter(name="Bản Huổi Hua").exists()


def test_a_line_without_a_kind_word_and_no_kind_chosen_is_refused(db, units):
    plan = plan_villages(units.mountain.commune, lines_of_text("Huổi Hua"))
    assert plan.rows[0].errors == ["Chưa rõ loại: hãy chọn loại ở cột Loại."]


# Pasting again


def test_pasting_the_list_again_changes_nothing(db, client, units):
    plan, _ = confirm(client, units.mountain.officer, "Bản Huổi Hua\nXóm Đông", "ban")
    assert plan.is_valid
    counts = (Unit.objects.count(), Team.objects.count(), ZaloGroup.objects.count())
    entries = LogEntry.objects.count()
    plan, response = confirm(client, units.mountain.officer, "Bản Huổi Hua\nXóm Đông\nBản Na Son")
    assert plan.is_valid and [r.status for r in plan.rows] == ["existing"] * 3
    assert response.status_code == 302
    assert (Unit.objects.count(), Team.objects.count(), ZaloGroup.objects.count()) == counts
    # Bản Na Son had its team already; its Zalo group was there too (testing_units).
    assert LogEntry.objects.count() == entries


def test_a_village_twice_in_the_list_is_a_duplicate_even_when_it_is_on_record(db, units):
    plan = plan_villages(units.mountain.commune, lines_of_text("Bản Na Son\nNa Son | bản"))
    assert plan.rows[1].errors == ["Trùng với dòng 1."]


def test_an_existing_village_without_a_team_gets_one(db, client, units):
    # The last village of testing_units has no team yet; pasting it gives it one.
    village = units.mountain.villages[-1]
    assert not Team.objects.filter(unit=village).exists()
    plan, response = confirm(client, units.mountain.officer, village.name)
    assert plan.rows[0].status == "existing" and plan.rows[0].missing == ["tổ", "nhóm Zalo"]
    assert response.status_code == 302
    assert Team.objects.filter(unit=village, level=TeamLevel.VILLAGE).count() == 1
    assert ZaloGroup.objects.filter(village=village).count() == 1
    assert villages_of(units.mountain.commune).filter(name=village.name).count() == 1


# A commune of 37 bản in one paste


def test_37_ban_in_one_paste_make_37_villages_teams_and_zalo_groups_in_few_queries(db, units):
    commune = units.south
    lines = lines_of_text("\n".join(f"Bản Số {n}" for n in range(1, 38)))
    with CaptureQueriesContext(connection) as planning:
        plan = plan_villages(commune, lines)
    assert plan.is_valid and len(plan.new_rows) == 37
    assert len(planning) <= 3
    with CaptureQueriesContext(connection) as saving:
        done = services.set_up_villages(plan, user=units.south_officer)
    assert (len(done.villages), len(done.teams), len(done.groups)) == (37, 37, 37)
    assert villages_of(commune).count() == 37
    assert Team.objects.filter(commune=commune, level=TeamLevel.VILLAGE).count() == 37
    assert ZaloGroup.objects.filter(commune=commune).count() == 37
    # Each record is saved with its audit entry, six queries a village, and a few for the
    # whole list: never hundreds a village.
    assert len(saving) <= 37 * 6 + 12, len(saving)
    assert done.summary() == "Đã thêm 37 bản, 37 tổ công nghệ số cộng đồng và 37 nhóm Zalo."


# An uploaded sheet


def sheet(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("danh-sach.xlsx", out.getvalue())


def test_an_uploaded_sheet_is_previewed_then_saved(db, client, units):
    upload = sheet(
        [["Tên", "Loại", "Mã"], ["Phước Hậu", "Ấp", ""], [None, None, None], ["Ấp Tân Hạnh", "", 7]]
    )
    response = post(client, units.south_officer, {"sheet": upload, "default_kind": "ap"})
    plan = response.context["plan"]
    assert [(r.number, r.name, r.code) for r in plan.rows] == [
        (2, "Ấp Phước Hậu", "29770-01"),
        (4, "Ấp Tân Hạnh", "7"),
    ]
    data = {
        "source": response.context["source"],
        "offset": response.context["offset"],
        "default_kind": "ap",
        "confirm": "1",
    }
    assert client.post(URL, data).status_code == 302
    assert set(villages_of(units.south).values_list("code", "name")) == {
        ("29770-01", "Ấp Phước Hậu"),
        ("7", "Ấp Tân Hạnh"),
    }


def test_a_sheet_with_an_unknown_kind_shows_its_row_number(db, client, units):
    upload = sheet([["Tên", "Loại"], ["Phước Hậu", "làng"]])
    response = post(client, units.south_officer, {"sheet": upload, "default_kind": "ap"})
    assert "Không có loại “làng”" in response.content.decode()
    assert response.context["plan"].rows[0].number == 2


def test_a_file_that_is_not_xlsx_is_refused(db, client, units):
    upload = SimpleUploadedFile("danh-sach.xlsx", b"Ten,Loai\nPhuoc Hau,ap\n")
    response = post(client, units.south_officer, {"sheet": upload, "default_kind": "ap"})
    assert "Không đọc được tệp" in response.content.decode()
    assert response.context["plan"] is None


# Rename, change the kind, retire, restore


def test_the_officer_renames_a_village_and_its_team_and_group_follow(db, client, units):
    _, response = confirm(client, units.mountain.officer, "Bản Co Muông", "ban")
    village = villages_of(units.mountain.commune).get(name="Bản Co Muông")
    url = reverse("units:village_edit", args=[village.pk])
    response = client.post(url, {"action": "save", "kind": "xom", "short_name": "Co Mạ"})
    assert response.status_code == 302
    village.refresh_from_db()
    assert (village.name, village.short_name, village.kind) == ("Xóm Co Mạ", "Co Mạ", "xom")
    assert Team.objects.get(unit=village).name == "Tổ công nghệ số cộng đồng xóm Co Mạ"
    assert ZaloGroup.objects.get(village=village).name == "Zalo Xóm Co Mạ"
    assert LogEntry.objects.filter(
        object_pk=str(village.pk), actor=units.mountain.officer, action=LogEntry.Action.UPDATE
    ).exists()


def test_a_rename_onto_another_villages_name_is_refused(db, client, units):
    village = units.mountain.villages[2]  # Xóm Đồi
    client.force_login(units.mountain.officer)
    url = reverse("units:village_edit", args=[village.pk])
    response = client.post(url, {"action": "save", "kind": "ban", "short_name": "Bản Na Son"})
    assert response.status_code == 200
    assert "Đã có Bản Na Son trong xã Mường Phăng" in response.content.decode()
    village.refresh_from_db()
    assert village.name == "Xóm Đồi"


def test_the_officer_retires_and_restores_a_village(db, client, units):
    village = units.mountain.villages[0]
    team = units.mountain.village_teams[0]
    client.force_login(units.mountain.officer)
    url = reverse("units:village_edit", args=[village.pk])
    response = client.post(url, {"action": "retire", "on": "2026-03-31"})
    assert response.status_code == 302
    village.refresh_from_db()
    team.refresh_from_db()
    assert village.valid_to.isoformat() == "2026-03-31" and team.active_to == village.valid_to
    # Gone from the commune's words: two villages left.
    from hocvuso.units.words import CommuneWords

    assert CommuneWords.of(units.mountain.commune).village_counts == "01 xóm, 01 bản"
    plan = plan_villages(units.mountain.commune, lines_of_text(village.name))
    assert "đã thôi từ ngày 31/03/2026" in plan.rows[0].errors[0]
    assert client.post(url, {"action": "restore"}).status_code == 302
    village.refresh_from_db()
    team.refresh_from_db()
    assert village.valid_to is None and team.active_to is None


# Who may do what


def test_a_team_leader_is_refused(db, client, units):
    client.force_login(units.mountain.leader)
    assert client.get(URL).status_code == 403
    village = units.mountain.villages[0]
    assert client.get(reverse("units:village_edit", args=[village.pk])).status_code == 403


def test_another_communes_villages_are_not_found(db, client, units):
    client.force_login(units.ward.officer)
    assert client.get(URL + f"?xa={units.mountain.commune.code}").status_code == 404
    village = units.mountain.villages[0]
    url = reverse("units:village_edit", args=[village.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "retire", "on": "2026-03-31"}).status_code == 404


def test_the_city_officer_reads_a_communes_villages_and_changes_nothing(db, client, units):
    client.force_login(units.province_officer)
    choose = client.get(URL).content.decode()
    assert units.mountain.commune.name in choose and units.ward.commune.name in choose
    html = client.get(URL + f"?xa={units.mountain.commune.code}").content.decode()
    assert "Bản Na Son" in html and "Xem trước" not in html and "Sửa</a>" not in html
    data = {"text": "Bản Mới", "default_kind": "ban", "preview": "1"}
    assert client.post(URL + f"?xa={units.mountain.commune.code}", data).status_code == 403
    village = units.mountain.villages[0]
    url = reverse("units:village_edit", args=[village.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "retire", "on": "2026-03-31"}).status_code == 403
    village.refresh_from_db()
    assert village.valid_to is None


def test_the_page_speaks_the_communes_words(db, client, units):
    client.force_login(units.mountain.officer)
    html = client.get(URL).content.decode()
    assert "Bản, xóm của xã Mường Phăng" in html
    assert "thôn" not in html.split("<main>")[1].split("Loại được đọc")[0].lower()
    client.force_login(units.ward.officer)
    html = client.get(URL).content.decode()
    assert "Tổ dân phố của phường Điện Biên Phủ" in html


def test_the_commune_officer_finds_the_page_from_the_menu_and_the_teams_page(db, client, units):
    client.force_login(units.mountain.officer)
    html = client.get(reverse("teams:index")).content.decode()
    assert f'href="{URL}">Địa bàn</a>' in html
    assert f'<a href="{URL}" id="villages-link">Thêm, sửa bản, xóm</a>' in html
    client.force_login(units.mountain.leader)
    html = client.get(reverse("teams:index"), follow=True).content.decode()
    assert URL not in html
