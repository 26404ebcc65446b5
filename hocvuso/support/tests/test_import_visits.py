import datetime
import uuid
import zoneinfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse

from hocvuso.imports import base, jobs
from hocvuso.imports.models import ImportJob
from hocvuso.imports.tests.sheets import messages, visits_file, xlsx
from hocvuso.support import imports
from hocvuso.support.imports import import_visits
from hocvuso.support.models import AgeBand, Gender, Outcome, Place, SupportVisit
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.testing import run_tasks

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, 0, tzinfo=HANOI), tick=False):
        yield


GOOD = (
    {
        "Ngày": datetime.datetime(2026, 3, 2),
        "Giờ": "9:30",
        "Thôn": "Thôn 1",
        "Nơi hỗ trợ": "Nhà văn hóa thôn",
        "Dịch vụ": "Đăng ký VNeID; Sổ sức khỏe điện tử",
        "Giới tính": "Nữ",
        "Độ tuổi": "Từ 60 tuổi",
        "Người hỗ trợ": "Trần Thị Viên Chí Minh 1",
    },
    {
        "Ngày": "03/03/2026",
        "Nơi hỗ trợ": "Trung tâm Phục vụ hành chính công xã",
        "Dịch vụ": "dvc-filing, Quét QR, chuyển khoản",
        "Số người": 12,
        "Giới tính": "Cả nam và nữ (nhóm)",
        "Độ tuổi": "18-39",
        "Khuyết tật": "x",
        "Kết quả": "Hoàn thành một phần",
        "Tổ": "Tổ công nghệ số cộng đồng xã Chí Minh",
    },
    {"Ngày": "4/3/2026", "Nơi hỗ trợ": "Trực tuyến, qua điện thoại", "Dịch vụ": "Khác"},
)


def test_it_imports_the_visits_of_a_good_file(world):
    before = SupportVisit.objects.count()
    result = import_visits(world.commune, visits_file(*GOOD))
    assert messages(result) == []
    assert result.rows == 3
    assert SupportVisit.objects.count() == before + 3
    assert result.summary() == "Đã nhập 3 dòng: 3 lượt hỗ trợ, 14 người dân được hỗ trợ."

    first, second, third = SupportVisit.objects.filter(created_by=world.commune).order_by(
        "occurred_at"
    )
    cm = world.chiminh
    assert first.occurred_at == datetime.datetime(2026, 3, 2, 9, 30, tzinfo=HANOI)
    assert first.commune == cm.commune
    assert first.village == cm.villages[0]
    assert first.place == Place.CULTURAL_HOUSE
    assert sorted(first.services.values_list("code", flat=True)) == [
        "health-book",
        "vneid-register",
    ]
    assert (first.gender, first.age_band, first.elderly) == (Gender.FEMALE, AgeBand.FROM_60, True)
    assert first.member == cm.members[1]
    assert first.team == cm.village_teams[0], "the team of the helper, who is in only one"
    assert first.client_key is not None

    assert second.occurred_at == datetime.datetime(2026, 3, 3, 8, 0, tzinfo=HANOI)
    assert sorted(second.services.values_list("code", flat=True)) == ["dvc-filing", "qr-payment"]
    assert (second.people, second.age_band, second.disability) == (12, AgeBand.FROM_18_TO_39, True)
    assert second.outcome == Outcome.PARTLY
    assert second.team == cm.commune_team

    assert (third.people, third.gender, third.village, third.member) == (
        1,
        Gender.UNKNOWN,
        None,
        None,
    )


def test_it_refuses_a_file_imported_before(world):
    assert import_visits(world.commune, visits_file(*GOOD)).ok
    before = SupportVisit.objects.count()
    result = import_visits(world.commune, visits_file(*GOOD))
    assert messages(result) == [
        "Dòng 2: Lượt hỗ trợ này đã được nhập trước đây.",
        "Dòng 3: Lượt hỗ trợ này đã được nhập trước đây.",
        "Dòng 4: Lượt hỗ trợ này đã được nhập trước đây.",
    ]
    assert SupportVisit.objects.count() == before


def test_it_knows_a_row_again_however_its_village_is_written(world):
    row = {"Ngày": "02/03/2026", "Nơi hỗ trợ": "Tại nhà người dân", "Dịch vụ": "Khác"}
    assert import_visits(world.commune, visits_file(row | {"Thôn": "Thôn 1"})).ok
    result = import_visits(world.commune, visits_file(row | {"Thôn": "11131-01", "Giờ": "08:00"}))
    assert messages(result) == ["Dòng 2: Lượt hỗ trợ này đã được nhập trước đây."]


def test_it_refuses_the_same_row_twice_in_a_file(world):
    before = SupportVisit.objects.count()
    result = import_visits(world.commune, visits_file(GOOD[2], GOOD[0], GOOD[2]))
    assert messages(result) == [
        "Dòng 4: Trùng hoàn toàn với dòng 2. Nếu là hai lượt khác nhau, hãy ghi giờ khác nhau, "
        "hoặc gộp thành một dòng và ghi Số người.",
    ]
    assert SupportVisit.objects.count() == before


def test_it_refuses_bad_dates_and_times(world):
    before = SupportVisit.objects.count()
    row = {"Nơi hỗ trợ": "Tại nhà người dân", "Dịch vụ": "Khác"}
    result = import_visits(
        world.commune,
        visits_file(
            row | {"Ngày": "02/03/2026"},
            row | {"Ngày": "31/02/2026"},
            row | {"Ngày": "2026-03-02"},
            row | {"Ngày": "21/03/2026"},
            row | {"Ngày": "02/03/2026", "Giờ": "25:00"},
            row,
        ),
    )
    assert messages(result) == [
        "Dòng 3, cột “Ngày”: “31/02/2026” không phải ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 4, cột “Ngày”: “2026-03-02” không phải ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 5, cột “Ngày”: Ngày 21/03/2026 ở tương lai.",
        "Dòng 6, cột “Giờ”: “25:00” không phải giờ hợp lệ (HH:MM).",
        "Dòng 7, cột “Ngày”: Ô này không được để trống.",
    ]
    assert SupportVisit.objects.count() == before


def test_it_refuses_a_visit_later_today_as_the_visit_service_does(world):
    # 20/03/2026 at 10:00: the day is not in the future, the hour is.
    row = {"Ngày": "20/03/2026", "Nơi hỗ trợ": "Trường học", "Dịch vụ": "Khác"}
    result = import_visits(
        world.commune, visits_file(row | {"Giờ": "09:00"}, row | {"Giờ": "15:00"})
    )
    assert messages(result) == [
        "Dòng 3, cột “Giờ”: Thời gian hỗ trợ không được ở tương lai.",
    ]


def test_it_refuses_unknown_services_and_villages(world):
    before = SupportVisit.objects.count()
    row = {"Ngày": "02/03/2026", "Nơi hỗ trợ": "Tại nhà người dân"}
    result = import_visits(
        world.commune,
        visits_file(
            row | {"Dịch vụ": "Khác"},
            row | {"Dịch vụ": "Đăng ký VNeID; Zalo Pay, Cài app"},
            row | {"Dịch vụ": "Khác", "Thôn": "Thôn 9"},
            row | {"Dịch vụ": " ; "},
            row | {"Dịch vụ": "Khác", "Nơi hỗ trợ": "Chợ"},
        ),
    )
    assert messages(result) == [
        "Dòng 3, cột “Dịch vụ”: Không có dịch vụ “Zalo Pay”, “Cài app” trong danh mục "
        "(xem trang “Hướng dẫn” của file mẫu).",
        "Dòng 4, cột “Thôn”: Không tìm thấy thôn “Thôn 9” trong Xã Chí Minh.",
        "Dòng 5, cột “Dịch vụ”: Cần ghi ít nhất một dịch vụ.",
        "Dòng 6, cột “Nơi hỗ trợ”: “Chợ” không có trong danh sách: "
        "Trung tâm Phục vụ hành chính công xã; Nhà văn hóa thôn; Tại nhà người dân; "
        "Trực tuyến, qua điện thoại; Trường học; Nơi khác.",
    ]
    assert SupportVisit.objects.count() == before


def test_it_refuses_too_many_people_and_fewer_than_one(world):
    before = SupportVisit.objects.count()
    row = {"Ngày": "02/03/2026", "Nơi hỗ trợ": "Trường học", "Dịch vụ": "Khác"}
    result = import_visits(
        world.commune,
        visits_file(
            row | {"Số người": 1000},
            row | {"Số người": 0},
            row | {"Số người": -2},
            row | {"Số người": 5000},
            row | {"Số người": "nhiều"},
            row | {"Số người": 2.5},
        ),
    )
    assert messages(result) == [
        "Dòng 3, cột “Số người”: “0” không hợp lệ; phải là số từ 1 đến 1.000.",
        "Dòng 4, cột “Số người”: “-2” không hợp lệ; phải là số từ 1 đến 1.000.",
        "Dòng 5, cột “Số người”: “5000” không hợp lệ; phải là số từ 1 đến 1.000.",
        "Dòng 6, cột “Số người”: “nhiều” không phải số nguyên.",
        "Dòng 7, cột “Số người”: “2.5” không phải số nguyên.",
    ]
    assert SupportVisit.objects.count() == before


def test_it_refuses_a_row_outside_the_officers_scope(world):
    before = SupportVisit.objects.count()
    row = {"Ngày": "02/03/2026", "Nơi hỗ trợ": "Trường học", "Dịch vụ": "Khác"}
    result = import_visits(
        world.commune, visits_file(row, row | {"Xã": "Tân Kỳ", "Thôn": "Thôn 1"})
    )
    assert messages(result) == ["Dòng 3, cột “Xã”: Xã Tân Kỳ không thuộc phạm vi của bạn."]
    assert SupportVisit.objects.count() == before


def test_an_administrator_imports_into_each_commune(world):
    row = {"Ngày": "02/03/2026", "Nơi hỗ trợ": "Trường học", "Dịch vụ": "Khác"}
    result = import_visits(
        world.admin,
        visits_file(row | {"Xã": "Chí Minh"}, row | {"Xã": "11132", "Thôn": "Thôn 1"}),
    )
    assert result.ok
    visits = SupportVisit.objects.filter(created_by=world.admin)
    assert sorted(v.commune.short_name for v in visits) == ["Chí Minh", "Tân Kỳ"]


def test_a_city_officer_imports_no_visits(world):
    row = {"Ngày": "02/03/2026", "Nơi hỗ trợ": "Trường học", "Dịch vụ": "Khác", "Xã": "Chí Minh"}
    before = SupportVisit.objects.count()
    with pytest.raises(PermissionDenied):
        import_visits(world.city, visits_file(row))
    assert SupportVisit.objects.count() == before


def test_the_helper_must_be_a_member_of_the_commune(world):
    row = {"Ngày": "02/03/2026", "Nơi hỗ trợ": "Trường học", "Dịch vụ": "Khác"}
    result = import_visits(
        world.commune,
        visits_file(
            row | {"Người hỗ trợ": "Trần Thị Viên Tân Kỳ 1"},
            row | {"Tổ": "Tổ CNSCĐ Thôn 7"},
        ),
    )
    assert messages(result) == [
        "Dòng 2, cột “Người hỗ trợ”: “Trần Thị Viên Tân Kỳ 1” không phải thành viên của "
        "Xã Chí Minh.",
        "Dòng 3, cột “Tổ”: Không tìm thấy tổ “Tổ CNSCĐ Thôn 7” trong Xã Chí Minh.",
    ]


def test_a_sheet_may_not_carry_the_names_of_citizens(world):
    headers = ["Ngày", "Nơi hỗ trợ", "Dịch vụ", "Họ tên người dân", "Số CCCD"]
    result = import_visits(
        world.commune,
        xlsx(headers, ["02/03/2026", "Trường học", "Khác", "Nguyễn Văn A", "001234567890"]),
    )
    assert messages(result) == [
        "Các cột của file không đúng mẫu: có cột không có trong mẫu “Họ tên người dân”, "
        "“Số CCCD”. Các cột của mẫu là: “Ngày”, “Giờ”, “Xã”, “Thôn”, “Nơi hỗ trợ”, “Dịch vụ”, "
        "“Số người”, “Giới tính”, “Độ tuổi”, “Người cao tuổi”, “Khuyết tật”, “Kết quả”, "
        "“Người hỗ trợ”, “Tổ”.",
    ]


def test_a_team_member_may_not_import(world):
    with pytest.raises(PermissionDenied):
        import_visits(world.member, visits_file(*GOOD))


def test_an_imported_visit_has_the_audit_entries_of_a_visit_saved_on_its_own(world):
    assert messages(import_visits(world.commune, visits_file(GOOD[0]))) == []
    imported = SupportVisit.objects.get(created_by=world.commune)
    alone, _ = record_visit(
        world.commune, VisitInput(services=["vneid-register"], client_key=uuid.uuid4())
    )

    def entries(visit):
        found = LogEntry.objects.get_for_object(visit).order_by("pk")
        return [(e.action, sorted(e.changes_dict), e.actor, e.object_repr) for e in found]

    created, services = entries(imported)
    assert created[:2] == entries(alone)[0][:2]
    assert created[2:] == (world.commune, f"Lượt hỗ trợ {imported.pk}")
    assert services[:3] == (LogEntry.Action.UPDATE, ["services"], world.commune)
    change, its_own = (
        LogEntry.objects.get_for_object(visit).get(action=LogEntry.Action.CREATE).changes_dict
        for visit in (imported, alone)
    )
    assert change["id"] == ["None", str(imported.pk)]
    assert change["created_at"] == its_own["created_at"], "the time frozen for both"


def test_a_visit_saved_by_someone_else_between_checks_and_writes_leaves_nothing_half_saved(
    world, monkeypatch
):
    prepare = imports._prepare

    def and_meanwhile(user, planned):
        prepared = prepare(user, planned)
        # The same visit as the file's last row, logged while the file was being prepared.
        record_visit(
            world.commune,
            VisitInput(services=["other"], client_key=planned[-1].visit.client_key),
        )
        return prepared

    monkeypatch.setattr(imports, "_prepare", and_meanwhile)
    before, entries = SupportVisit.objects.count(), LogEntry.objects.count()
    result = import_visits(world.commune, visits_file(*GOOD))
    assert messages(result) == ["Dữ liệu vừa được người khác thay đổi; hãy nhập lại."]
    assert SupportVisit.objects.count() == before + 1, "only the visit logged meanwhile"
    assert LogEntry.objects.count() == entries + 2, "its creation and its services"


def test_a_large_file_of_visits_is_imported_by_the_worker_saying_how_far_it_is(
    client, world, settings, tmp_path, monkeypatch
):
    settings.IMPORT_DIRECT_LIMIT = 2
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    monkeypatch.setattr(base, "PROGRESS_EVERY", 1)
    told = []
    checked = jobs.JobProgress.checked
    monkeypatch.setattr(
        jobs.JobProgress,
        "checked",
        lambda progress, rows: told.append(rows) or checked(progress, rows),
    )
    before = SupportVisit.objects.count()
    client.force_login(world.commune)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("imports:upload"), {"kind": "luot-ho-tro", "file": visits_file(*GOOD)}
        )
    run_tasks()
    assert told == [1, 2, 3, 3]
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:job", args=[job.pk])
    assert (job.status, job.rows_checked, job.rows_saved) == ("done", 3, 3)
    assert SupportVisit.objects.count() == before + 3
    page = client.get(response.url).content.decode()
    assert "Đã nhập 3 dòng: 3 lượt hỗ trợ, 14 người dân được hỗ trợ." in page
