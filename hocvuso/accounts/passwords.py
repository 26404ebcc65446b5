"""Password rules that speak Vietnamese.

Django's Vietnamese catalogue lacks the message of its minimum-length rule as Django 5.2
words it, so a short password would be refused in English; this rule says it in Vietnamese.
"""

import unicodedata

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self):
        return f"Mật khẩu cần ít nhất {self.min_length} ký tự."


# The words Vietnamese users build weak passwords from (English ones are in Django's list),
# each also tried with the endings people add; compared without diacritics, spaces or case.
VIETNAMESE_WORDS = """
matkhau matkhaumoi anhyeuem emyeuanh yeuem yeuanh anhyeuemnhieu emyeuanhnhieu toiyeuban
yeuemmaimai yeuanhmaimai tinhyeu tinhyeucuatoi hanhphuc vietnam vietnamvodich vietnamoi
hanoi saigon hochiminh haiphong danang cantho quangninh nghean thanhhoa ubndxa ubndphuong
congansxa hocvuso binhdanhocvuso chuyendoiso congnghesocongdong tocongnghesocongdong
vneid dichvucong cancuoc nguyen tran nguyenvan nguyenthi tranvan lethi phamvan hoangvan
admin quantri quantrivien canbo canboxa totruong tovien thanhvien xinchao chaoban
""".split()
VIETNAMESE_ENDINGS = [
    "",
    "1",
    "12",
    "123",
    "1234",
    "12345",
    "123456",
    "@123",
    "@2025",
    "@2026",
    "2024",
    "2025",
    "2026",
    "01",
    "99",
    "!",
]


def plain(text: str) -> str:
    """`text` lowercased, without diacritics, spaces or dots: "Mật Khẩu 123" is "matkhau123"."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


class VietnameseCommonPasswordValidator:
    """Refuses the passwords Vietnamese users choose most ("matkhau123", "Anh yêu em 2026")."""

    def __init__(self):
        self.passwords = {plain(w + e) for w in VIETNAMESE_WORDS for e in VIETNAMESE_ENDINGS}

    def validate(self, password, user=None):
        if plain(password) in self.passwords:
            raise ValidationError(
                "Mật khẩu này quá phổ biến, dễ bị đoán ra. Hãy chọn một câu dài mà chỉ bạn biết.",
                code="password_too_common",
            )

    def get_help_text(self):
        return "Mật khẩu không được là một mật khẩu phổ biến như “matkhau123”."
