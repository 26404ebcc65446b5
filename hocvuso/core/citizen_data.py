"""Keeping citizens' identities out of the free text a team writes.

A visit keeps no identity of the citizen it helped (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15):
its note, and the other texts a team types about its work, must not hold a citizen's phone
number, identity card number (CCCD, CMND) or name. `NoCitizenData` refuses the texts that look
like one; model fields carry it, and the services call `check_no_citizen_data`, so the pages,
the API, the imports and the admin all refuse the same texts.

The checks lean towards letting ordinary notes through: "Hướng dẫn cài VNeID cho 2 người",
dates, amounts of money ("150.000.000 đồng") and the streets and schools named after people
("đường Trần Hưng Đạo", "Trường THCS Nguyễn Du") pass.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# 0 or +84, then 9 digits, which may be grouped by spaces, dots or dashes: 0912 345 678.
PHONE = re.compile(r"(?<![\d+])(?:\+\s?84|0)(?:[\s.\-]?\d){9}(?!\d)")
# A CCCD has 12 digits and begins with its province's code (001–096); a CMND has 9 digits.
# Grouped CCCDs are recognised by the leading 0, which an amount of money never has.
IDENTITY = re.compile(r"(?<![\d.,])(?:\d{12}|\d{9}|0\d{2}(?:[\s.\-]\d{3}){3})(?![\d.,]|\.\d)")

# Words that name a person when a name follows: "ông Nguyễn", "chị Lan".
HONORIFICS = {"ông", "bà", "anh", "chị", "cô", "chú", "cụ", "bác", "dì"}
# Common family names. Hồ is left out: too many places and bodies bear the President's name,
# and "Bác Hồ" is him too.
SURNAMES = set(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ ngô dương lý đinh đào "
    "trương lương mai trịnh hà lâm tô tạ cao quách thái vương châu lò lường".split()
)
HONORED = {"hồ"}
# A name after one of these words is a place's: "đường Lê Lợi", "Trường THCS Nguyễn Du".
PLACE_WORDS = set(
    "đường phố trường học thcs thpt tiểu thôn ấp bản xóm khu tổ chợ cầu ngõ hẻm ngách kiệt "
    "số tp tp. quận phường xã huyện tỉnh viện đền chùa lăng tượng công viên quảng".split()
)
WORD = re.compile(r"[^\W\d_]+|\d+|[.!?]", re.UNICODE)


def _is_name_word(word: str) -> bool:
    """A capitalised word such as "Lan" or "Đức": upper case, then lower case letters."""
    return len(word) >= 2 and word[0].isupper() and word[1:].islower() and word.isalpha()


def _names_a_person(text: str) -> bool:
    words = WORD.findall(text)
    for i, word in enumerate(words):
        previous = words[i - 1].lower() if i else "."
        sentence_start = previous in {".", "!", "?"}
        following = words[i + 1] if i + 1 < len(words) else ""
        lowered = word.lower()
        # "chị Lan", or "Ông Nguyễn" at the start of a sentence; "Bác Hồ" is no citizen.
        if (
            lowered in HONORIFICS
            and (word.islower() or sentence_start)
            and _is_name_word(following)
            and following.lower() not in HONORED
        ):
            return True
        # "Nguyễn Văn An": a family name and two more capitalised words, not after a place word.
        if (
            lowered in SURNAMES
            and _is_name_word(word)
            and previous not in PLACE_WORDS
            and not previous.isdigit()
            and all(_is_name_word(w) for w in words[i + 1 : i + 3])
            and len(words[i + 1 : i + 3]) == 2
        ):
            return True
    return False


def citizen_data_problem(text: str, label: str = "Ghi chú") -> str | None:
    """Why `text` may not be kept (in Vietnamese), or None when it holds no citizen's data."""
    if not isinstance(text, str) or not text:
        return None
    if PHONE.search(text):
        return (
            f"{label} không được chứa số điện thoại của người dân "
            "(Luật Bảo vệ dữ liệu cá nhân). Hãy xóa số điện thoại."
        )
    if IDENTITY.search(text):
        return (
            f"{label} không được chứa số định danh, căn cước công dân hay chứng minh nhân dân "
            "của người dân (Luật Bảo vệ dữ liệu cá nhân). Hãy xóa số này."
        )
    if _names_a_person(text):
        return (
            f"{label} không được chứa họ tên của người dân (Luật Bảo vệ dữ liệu cá nhân). "
            "Hãy ghi chung, ví dụ “một người cao tuổi”."
        )
    return None


def check_no_citizen_data(text: str, label: str = "Ghi chú") -> None:
    problem = citizen_data_problem(text, label)
    if problem:
        raise ValidationError(problem, code="citizen_data")


@deconstructible
class NoCitizenData:
    """A model field's validator: the text holds no citizen's phone, identity number or name."""

    def __init__(self, label: str = "Ghi chú"):
        self.label = label

    def __call__(self, value):
        check_no_citizen_data(value, self.label)

    def __eq__(self, other):
        return isinstance(other, NoCitizenData) and other.label == self.label
