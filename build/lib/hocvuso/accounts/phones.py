"""Vietnamese mobile numbers, as officers write them: "0912 345 678", "+84 912.345.678".

Since the 2018 renumbering a mobile number has ten digits: 0, then a network's prefix
(03x, 05x, 07x, 08x, 09x), then seven digits. A landline (024…, 0225…) is no way to reach
an officer with a one-time link, so it is refused with a message that says what is expected.
"""

import re

from django.core.exceptions import ValidationError

MOBILE = re.compile(r"^0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9\d)\d{7}$")
SEPARATORS = re.compile(r"[\s.\-()]")


def normalize_mobile(value: str) -> str:
    """The number as ten digits from 0: spaces, dots and dashes go, +84 or 84 becomes 0."""
    text = SEPARATORS.sub("", value or "")
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    elif len(text) == 9 and text.isdigit() and text[0] in "35789":
        # A spreadsheet that took the number for a number dropped its leading zero.
        text = "0" + text
    return text


def validate_mobile(value: str) -> str:
    """The normalized number, or a ValidationError saying in Vietnamese what is wrong."""
    number = normalize_mobile(value)
    if not MOBILE.match(number):
        raise ValidationError(
            f"Số điện thoại “{value.strip()}” không phải số di động Việt Nam: cần 10 chữ số, "
            "bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678)."
        )
    return number
