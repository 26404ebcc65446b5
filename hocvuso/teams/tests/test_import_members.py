import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from hocvuso.imports.tests.sheets import members_file, messages
from hocvuso.teams.imports import import_members
from hocvuso.teams.models import Affiliation, Member, Membership, Role, Team, TeamLevel


def counts():
    return Team.objects.count(), Member.objects.count(), Membership.objects.count()


def test_it_imports_members_and_creates_the_missing_teams(world, village3):
    before = counts()
    result = import_members(
        world.commune,
        members_file(
            {
                "Thôn": "Thôn 3",
                "Tổ": "Cấp thôn",
                "Họ và tên": "Lê Văn An",
                "Vai trò": "Tổ trưởng",
                "Lực lượng": "Đoàn thanh niên",
                "Số điện thoại": "0912 345 678",
                "Từ ngày": "01/09/2025",
            },
            {"Thôn": "11131-01", "Họ và tên": "Phạm Thị Bình", "Lực lượng": "Giáo viên"},
            {"Tổ": "Cấp xã", "Họ và tên": "Phạm Thị Bình", "Vai trò": "Tổ phó"},
            {
                "Tổ": "Tổ ứng cứu",
                "Họ và tên": "Lê Văn An",
                "Số điện thoại": "0912345678",
                "Từ ngày": datetime.datetime(2025, 10, 1),
            },
        ),
    )
    assert messages(result) == []
    assert result.rows == 4
    assert counts() == (before[0] + 2, before[1] + 2, before[2] + 4)

    an = Member.objects.get(full_name="Lê Văn An")
    assert an.commune == world.chiminh.commune
    assert an.phone == "0912345678"
    assert an.affiliation == Affiliation.YOUTH_UNION
    new_village_team = Team.objects.get(unit=village3)
    assert new_village_team.name == "Tổ công nghệ số cộng đồng thôn 3"
    assert new_village_team.level == TeamLevel.VILLAGE
    assert new_village_team.leader == an
    rapid = Team.objects.get(commune=world.chiminh.commune, level=TeamLevel.RAPID_RESPONSE)
    assert rapid.name == "Tổ ứng cứu công nghệ số xã Chí Minh"
    assert rapid.memberships.get().started_on == datetime.date(2025, 10, 1)

    binh = Member.objects.get(full_name="Phạm Thị Bình")
    assert binh.memberships.count() == 2
    assert binh.memberships.get(team=world.chiminh.commune_team).role == Role.DEPUTY
    assert binh.memberships.get(team=world.chiminh.village_teams[0]).role == Role.MEMBER


def test_it_reuses_a_member_the_commune_already_has(world):
    before = counts()
    result = import_members(
        world.commune,
        members_file({"Tổ": "Cấp xã", "Họ và tên": "trần thị viên  chí minh 1"}),
    )
    assert result.ok
    assert counts() == (before[0], before[1], before[2] + 1)
    assert world.chiminh.members[1].memberships.filter(team=world.chiminh.commune_team).exists()


def test_it_refuses_an_unknown_village_and_saves_nothing(world):
    before = counts()
    result = import_members(
        world.commune,
        members_file(
            {"Thôn": "Thôn 1", "Họ và tên": "Lê Văn An"},
            {"Thôn": "Thôn 9", "Họ và tên": "Lê Văn Bình"},
        ),
    )
    assert messages(result) == [
        "Dòng 3, cột “Thôn”: Không tìm thấy thôn “Thôn 9” trong Xã Chí Minh.",
    ]
    assert counts() == before


def test_it_refuses_a_person_twice_in_the_same_team(world):
    before = counts()
    result = import_members(
        world.commune,
        members_file(
            {"Thôn": "Thôn 2", "Họ và tên": "Lê Văn An"},
            {"Thôn": "Thôn 2", "Họ và tên": "Lê  Văn An", "Vai trò": "Tổ phó"},
        ),
    )
    assert messages(result) == ["Dòng 3: Trùng với dòng 2: cùng người, cùng tổ."]
    assert counts() == before


def test_it_refuses_someone_already_in_the_team(world):
    result = import_members(
        world.commune, members_file({"Thôn": "Thôn 1", "Họ và tên": "Trần Thị Viên Chí Minh 1"})
    )
    assert messages(result) == [
        "Dòng 2, cột “Họ và tên”: “Trần Thị Viên Chí Minh 1” đã là thành viên của "
        "“Tổ CNSCĐ Thôn 1”.",
    ]


def test_it_refuses_a_second_leader(world, village3):
    before = counts()
    result = import_members(
        world.commune,
        members_file(
            {"Thôn": "Thôn 1", "Họ và tên": "Lê Văn An", "Vai trò": "Tổ trưởng"},
            {"Thôn": "Thôn 3", "Họ và tên": "Lê Văn Bình", "Vai trò": "Tổ trưởng"},
            {"Thôn": "Thôn 3", "Họ và tên": "Lê Văn Cường", "Vai trò": "tổ trưởng"},
        ),
    )
    assert messages(result) == [
        "Dòng 2, cột “Vai trò”: “Tổ CNSCĐ Thôn 1” đã có tổ trưởng là "
        "“Nguyễn Văn Trưởng Chí Minh 1”.",
        "Dòng 4, cột “Vai trò”: “Tổ công nghệ số cộng đồng thôn 3” có hai tổ trưởng trong file "
        "(dòng 3 và dòng 4).",
    ]
    assert counts() == before


def test_it_refuses_a_commune_outside_the_officers_scope(world):
    before = counts()
    result = import_members(
        world.commune,
        members_file(
            {"Họ và tên": "Lê Văn An"},
            {"Xã": "Tân Kỳ", "Họ và tên": "Lê Văn Bình"},
            {"Xã": "70", "Họ và tên": "Lê Văn Cường"},
            {"Xã": "Xã Không Có", "Họ và tên": "Lê Văn Dũng"},
        ),
    )
    assert messages(result) == [
        "Dòng 3, cột “Xã”: Xã Tân Kỳ không thuộc phạm vi của bạn.",
        "Dòng 4, cột “Xã”: Xã Hoàn Kiếm không thuộc phạm vi của bạn.",
        "Dòng 5, cột “Xã”: Không tìm thấy xã “Xã Không Có”.",
    ]
    assert counts() == before


def test_an_officer_of_several_communes_names_the_commune_of_each_row(world):
    result = import_members(
        world.admin,
        members_file(
            {"Họ và tên": "Lê Văn An"},
            {"Xã": "11132", "Thôn": "Thôn 2", "Họ và tên": "Lê Văn Bình"},
        ),
    )
    assert messages(result) == [
        "Dòng 2, cột “Xã, phường”: Cần ghi xã, phường (bạn quản lý nhiều xã, phường)."
    ]

    result = import_members(
        world.admin, members_file({"Xã": "tân kỳ", "Thôn": "Thôn 2", "Họ và tên": "Lê Văn Bình"})
    )
    assert result.ok
    binh = Member.objects.get(full_name="Lê Văn Bình")
    assert binh.commune == world.tanky.commune
    assert binh.memberships.get().team == world.tanky.village_teams[1]


def test_it_refuses_unreadable_cells_with_a_message_for_each(world):
    before = counts()
    result = import_members(
        world.commune,
        members_file(
            {
                "Tổ": "Cấp huyện",
                "Họ và tên": "Lê Văn An",
                "Vai trò": "Chủ tịch",
                "Số điện thoại": "12345",
                "Từ ngày": "31/02/2026",
            },
            {"Thôn": "Thôn 1"},
            {"Tổ": "Cấp thôn", "Họ và tên": "Lê Văn Cường"},
            {"Tổ": "Cấp xã", "Thôn": "Thôn 1", "Họ và tên": "Lê Văn Dũng"},
        ),
    )
    assert messages(result) == [
        "Dòng 2, cột “Tổ”: “Cấp huyện” không có trong danh sách: Cấp xã; Cấp thôn; Tổ ứng cứu.",
        "Dòng 2, cột “Vai trò”: “Chủ tịch” không có trong danh sách: Tổ trưởng; Tổ phó; Tổ viên.",
        "Dòng 2, cột “Số điện thoại”: “12345” không phải số điện thoại hợp lệ (ví dụ 0912345678).",
        "Dòng 2, cột “Từ ngày”: “31/02/2026” không phải ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 3, cột “Họ và tên”: Ô này không được để trống.",
        "Dòng 4, cột “Thôn”: Tổ cấp thôn cần ghi thôn.",
        "Dòng 5, cột “Thôn”: Tổ cấp xã và tổ ứng cứu không ghi thôn.",
    ]
    assert counts() == before


def test_it_reads_a_phone_number_that_excel_turned_into_a_number(world):
    result = import_members(
        world.commune, members_file({"Họ và tên": "Lê Văn An", "Số điện thoại": 912345678})
    )
    assert result.ok
    assert Member.objects.get(full_name="Lê Văn An").phone == "0912345678"


def test_it_asks_for_a_phone_number_to_tell_namesakes_apart(world):
    commune = world.chiminh.commune
    Member.objects.create(full_name="Lê Văn An", commune=commune, phone="0911111111")
    Member.objects.create(full_name="Lê Văn An", commune=commune, phone="0922222222")
    result = import_members(world.commune, members_file({"Họ và tên": "Lê Văn An"}))
    assert messages(result) == [
        "Dòng 2, cột “Số điện thoại”: Có 2 thành viên tên “Lê Văn An” trong Xã Chí Minh; "
        "hãy ghi số điện thoại.",
    ]
    result = import_members(
        world.commune, members_file({"Họ và tên": "Lê Văn An", "Số điện thoại": "0922222222"})
    )
    assert result.ok
    assert Membership.objects.get(team=world.chiminh.commune_team).member.phone == "0922222222"


def test_it_names_the_importing_user_in_the_audit_log(world):
    result = import_members(world.commune, members_file({"Họ và tên": "Lê Văn An"}))
    assert result.ok
    member = Member.objects.get(full_name="Lê Văn An")
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Member), object_pk=str(member.pk)
    )
    assert entry.actor == world.commune


def test_it_summarises_what_it_created(world):
    result = import_members(
        world.commune,
        members_file({"Họ và tên": "Lê Văn An"}, {"Thôn": "Thôn 1", "Họ và tên": "Lê Văn An"}),
    )
    assert result.summary() == (
        "Đã nhập 2 dòng: 0 tổ mới, 1 thành viên mới, 2 lượt phân công vào tổ."
    )


def test_a_team_leader_may_not_import(world):
    before = counts()
    with pytest.raises(PermissionDenied):
        import_members(world.leader, members_file({"Thôn": "Thôn 1", "Họ và tên": "Lê Văn An"}))
    assert counts() == before


def test_a_leader_named_by_someone_else_meanwhile_leaves_nothing_half_saved(world, monkeypatch):
    from hocvuso.teams import imports
    from hocvuso.teams.services import enrol

    team = world.chiminh.village_teams[0]
    leader = Membership.objects.open().get(team=team, role=Role.LEADER)
    leader.ended_on = datetime.date(2026, 1, 1)
    leader.save()
    prepare = imports._prepare

    def and_meanwhile(user, plan):
        prepared = prepare(user, plan)
        enrol(team, leader.member, Role.LEADER, user=world.commune)
        return prepared

    monkeypatch.setattr(imports, "_prepare", and_meanwhile)
    before = counts()
    rows = [
        {"Họ và tên": "Lê Văn Bình"},
        {"Thôn": "Thôn 1", "Họ và tên": "Lê Văn An", "Vai trò": "Tổ trưởng"},
    ]
    result = import_members(world.commune, members_file(*rows))
    assert messages(result) == ["Dữ liệu vừa được người khác thay đổi; hãy nhập lại."]
    assert counts() == (before[0], before[1], before[2] + 1), "only the leader named meanwhile"
