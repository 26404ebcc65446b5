"""Free text refuses a citizen's phone, identity number or name, and keeps ordinary notes."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from hocvuso.core.citizen_data import NoCitizenData, check_no_citizen_data

ORDINARY = [
    "Hướng dẫn cài VNeID cho 2 người",
    "Hỗ trợ nộp hồ sơ ngày 01/12/2026 lúc 08:30",
    "Chuyển 150.000.000 đồng qua ngân hàng, 3 lần",
    "Hướng dẫn tại nhà văn hóa đường Trần Hưng Đạo",
    "Lớp học ở Trường THCS Nguyễn Du, 45 học sinh",
    "Học tập và làm theo tư tưởng Bác Hồ",
    "Bà con Thôn 3 cài ứng dụng, số 12 Lê Văn Sỹ",
    "Tuyên truyền tại UBND Xã Mường Phăng",
    "Hỗ trợ chị em Hội Phụ nữ cài đặt Zalo",
    "Một người cao tuổi cần hỗ trợ thêm",
    "Mã hồ sơ G12.34-250101-0001",
    "",
]

PHONES = ["gọi lại 0912345678", "sđt 0912 345 678", "+84 912.345.678", "số 091-234-5678"]
IDENTITIES = ["CCCD 001234567890", "CMND 123456789", "căn cước 001 234 567 890"]
NAMES = [
    "Hỗ trợ ông Nguyễn Văn An",
    "cài VNeID cho chị Lan",
    "Bà Hoa cần hỗ trợ lại",
    "Trần Thị Mai cần cấp lại mật khẩu",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_it_keeps_ordinary_notes(text):
    check_no_citizen_data(text)


@pytest.mark.parametrize("text", PHONES)
def test_it_refuses_a_phone_number(text):
    with pytest.raises(ValidationError, match="số điện thoại của người dân"):
        check_no_citizen_data(text)


@pytest.mark.parametrize("text", IDENTITIES)
def test_it_refuses_an_identity_number(text):
    with pytest.raises(ValidationError, match="căn cước công dân"):
        check_no_citizen_data(text)


@pytest.mark.parametrize("text", NAMES)
def test_it_refuses_a_full_name(text):
    with pytest.raises(ValidationError, match="họ tên của người dân"):
        check_no_citizen_data(text)


def test_the_message_names_the_field():
    with pytest.raises(ValidationError, match="Lý do không được"):
        NoCitizenData("Lý do")("0912345678")


@given(st.text())
def test_it_raises_nothing_but_a_validation_error(text):
    try:
        check_no_citizen_data(text)
    except ValidationError:
        pass
