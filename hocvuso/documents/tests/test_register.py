"""The register of directive documents: list, add, edit, and the signed PDF behind the scope."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hocvuso.documents.models import Document, DocumentKind

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

NEW_PLAN = {
    "number_symbol": "52/KH-UBND",
    "kind": "",
    "issued_on": "2026-03-02",
    "issuer": "UBND xã Chí Minh",
    "summary": "về việc tổ chức lớp học số cho người cao tuổi",
}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


def pdf(name="ke-hoach-52.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_it_lists_the_communes_documents_to_every_user_of_the_commune(client, world):
    Document.objects.create(
        commune=world.chiminh.commune,
        kind=DocumentKind.DECISION,
        number=7,
        symbol="QĐ-UBND",
        issuer="UBND xã Chí Minh",
        issued_on=datetime.date(2026, 1, 5),
        summary="thành lập tổ",
    )
    for user in (world.commune, world.leader, world.member):
        client.force_login(user)
        response = client.get(reverse("documents:index"))
        html = response.content.decode()
        assert "41/KH-UBND" in html and "7/QĐ-UBND" in html and "19/08/2025" in html
        assert "Tân Kỳ" not in html
    assert "Thêm văn bản" not in html  # a member reads only


def test_it_orders_the_register_by_date_kind_or_number_and_filters_by_kind(client, world):
    Document.objects.create(
        commune=world.chiminh.commune,
        kind=DocumentKind.DECISION,
        number=7,
        symbol="QĐ-UBND",
        issuer="UBND",
        issued_on=datetime.date(2026, 1, 5),
        summary="thành lập tổ",
    )
    client.force_login(world.commune)

    def numbers(**params):
        response = client.get(reverse("documents:index"), params)
        return [d.number for d in response.context["documents"]]

    assert numbers() == [7, 41]
    assert numbers(**{"sap-xep": "so"}) == [41, 7]
    assert numbers(**{"sap-xep": "loai"}) == [7, 41]  # "decision" before "plan"
    assert numbers(loai="plan") == [41]


def test_the_officer_adds_a_plan_with_its_signed_pdf(client, world):
    client.force_login(world.commune)
    response = client.post(reverse("documents:add"), {**NEW_PLAN, "signed_file": pdf()})
    assert response.status_code == 302
    document = Document.objects.get(number=52)
    assert (document.commune, document.symbol, document.kind) == (
        world.chiminh.commune,
        "KH-UBND",
        DocumentKind.PLAN,
    )
    assert document.signed_file.name.startswith("documents/2026/")
    download = client.get(reverse("documents:signed_file", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_it_keeps_the_signed_pdf_out_of_the_public_media_folder(client, world, private_media):
    client.force_login(world.commune)
    client.post(reverse("documents:add"), {**NEW_PLAN, "signed_file": pdf()})
    document = Document.objects.get(number=52)
    assert (private_media / document.signed_file.name).exists()
    assert document.signed_file.url == ""
    html = client.get(reverse("documents:index")).content.decode()
    assert reverse("documents:signed_file", args=[document.pk]) in html
    assert "/media/" not in html


def test_the_signed_pdf_is_served_to_scoped_users_only(client, world):
    document = world.chiminh.document
    document.signed_file = pdf("41.pdf")
    document.save()
    url = reverse("documents:signed_file", args=[document.pk])
    for user in (world.leader, world.member, world.city):
        client.force_login(user)
        assert client.get(url).status_code == 200
    for user in (world.outsider, world.far):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("scan.docx", PDF), "Bản ký phải là tệp PDF"),
        (SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>"), "không phải PDF"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_pdf(client, world, upload, message):
    client.force_login(world.commune)
    response = client.post(reverse("documents:add"), {**NEW_PLAN, "signed_file": upload})
    assert message in response.content.decode()
    assert not Document.objects.filter(number=52).exists()


def test_it_refuses_a_pdf_above_the_size_limit(client, world, monkeypatch):
    monkeypatch.setattr("hocvuso.documents.forms.MAX_PDF_MB", 0)
    client.force_login(world.commune)
    response = client.post(reverse("documents:add"), {**NEW_PLAN, "signed_file": pdf()})
    assert "lớn hơn 0 MB" in response.content.decode()


@pytest.mark.parametrize(
    "number_symbol,kind,message",
    [
        ("KH-UBND", "", "không đúng dạng số/ký hiệu, ví dụ 41/KH-UBND"),
        ("52/KH UBND", "", "không đúng dạng số/ký hiệu"),
        ("0/KH-UBND", "", "Số văn bản phải lớn hơn 0."),
        ("52/UBND-VHXH", "plan", "Ký hiệu của kế hoạch phải bắt đầu bằng “KH-”"),
        ("41/KH-UBND", "", "Số 41/KH-UBND đã được dùng trong năm 2025."),
    ],
)
def test_it_explains_a_bad_number_symbol_in_vietnamese(client, world, number_symbol, kind, message):
    client.force_login(world.commune)
    data = {**NEW_PLAN, "number_symbol": number_symbol, "kind": kind}
    if "2025" in message:
        data["issued_on"] = "2025-12-01"
    response = client.post(reverse("documents:add"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors["number_symbol"])
    assert Document.objects.filter(commune=world.chiminh.commune).count() == 1


def test_the_kind_follows_the_symbol_when_left_blank(client, world):
    client.force_login(world.commune)
    client.post(reverse("documents:add"), {**NEW_PLAN, "number_symbol": "444/UBND-VHXH"})
    assert Document.objects.get(number=444).kind == DocumentKind.OFFICIAL_LETTER


def test_the_officer_edits_a_document_and_keeps_its_pdf(client, world):
    document = world.chiminh.document
    document.signed_file = pdf("41.pdf")
    document.save()
    client.force_login(world.commune)
    url = reverse("documents:change", args=[document.pk])
    assert client.get(url).context["form"].initial["number_symbol"] == "41/KH-UBND"
    response = client.post(
        url, {**NEW_PLAN, "number_symbol": "41/KH-UBND", "issued_on": "2025-08-19"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.summary == NEW_PLAN["summary"] and document.signed_file.name


def test_team_users_and_other_communes_do_not_edit(client, world):
    document = world.chiminh.document
    client.force_login(world.leader)
    assert client.get(reverse("documents:add")).status_code == 403
    assert client.get(reverse("documents:change", args=[document.pk])).status_code == 403
    client.force_login(world.outsider)
    assert client.get(reverse("documents:change", args=[document.pk])).status_code == 404
    response = client.post(reverse("documents:change", args=[document.pk]), NEW_PLAN)
    assert response.status_code == 404
    document.refresh_from_db()
    assert document.number == 41


def test_an_administrator_chooses_the_commune(client, world):
    client.force_login(world.admin)
    form = client.get(reverse("documents:add")).context["form"]
    assert {c.short_name for c in form.fields["commune"].queryset} >= {"Chí Minh", "Tân Kỳ"}
    client.post(reverse("documents:add"), {**NEW_PLAN, "commune": world.tanky.commune.pk})
    assert Document.objects.get(number=52).commune == world.tanky.commune


def test_a_city_officer_reads_the_documents_and_writes_none(client, world):
    client.force_login(world.city)
    assert client.get(reverse("documents:index")).status_code == 200
    assert client.get(reverse("documents:add")).status_code == 403
    response = client.post(
        reverse("documents:add"), {**NEW_PLAN, "commune": world.tanky.commune.pk}
    )
    assert response.status_code == 403
    assert not Document.objects.filter(number=52).exists()
    document = world.chiminh.document
    url = reverse("documents:change", args=[document.pk])
    assert client.post(url, {**NEW_PLAN, "commune": document.commune_id}).status_code == 403
    document.refresh_from_db()
    assert document.number == 41
