"""Login names: made from a unit's name in plain letters, or typed and checked.

A commune officer's login is the commune's kind and name without accents, run together
("xamuongphang", "phuongdienbienphu"): easy to say on the phone and to type on any keyboard.
A typed one is kept if it is free; "already taken" is said plainly.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

from hocvuso.units.models import Unit
from hocvuso.units.words import kind_word

from .models import User

LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MAX_LOGIN = 40


def ascii_fold(text: str) -> str:
    """ "Điện Biên Phủ" → "dien bien phu": lower case, no accents ("đ" is no accented "d" in
    Unicode, so it is replaced by hand)."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def login_stem(unit: Unit) -> str:
    """ "xamuongphang" for Xã Mường Phăng: the unit's kind and short name, letters and digits."""
    text = ascii_fold(f"{kind_word(unit.kind)} {unit.short_name}")
    return re.sub(r"[^a-z0-9]", "", text)[: MAX_LOGIN - 3] or f"donvi{unit.code}"


def person_login_stem(full_name: str, commune: Unit) -> str:
    """ "paolv.muongphang" for Lò Văn Páo of Xã Mường Phăng: the given name, the initials of the
    other names, and the commune's short name. A given name alone would repeat across 3,321
    communes; with the commune, a login says whose it is and rarely needs a number."""
    words = re.sub(r"[^a-z0-9 ]", "", ascii_fold(full_name)).split()
    person = (words[-1] + "".join(word[0] for word in words[:-1])) if words else "tv"
    place = re.sub(r"[^a-z0-9]", "", ascii_fold(commune.short_name)) or str(commune.code)
    return f"{person}.{place}"[: MAX_LOGIN - 3].rstrip(".")


def taken(username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def free_login(stem: str, reserved: set[str]) -> str:
    """`stem`, or `stem2`, `stem3`… : the first that no account and no name in `reserved` has."""
    existing = {
        name.lower()
        for name in User.objects.filter(username__istartswith=stem).values_list(
            "username", flat=True
        )
    } | reserved
    candidate, n = stem, 1
    while candidate in existing:
        n += 1
        candidate = f"{stem}{n}"
    return candidate


def clean_login(value: str) -> str:
    """A typed login name in lower case, or a ValidationError in Vietnamese."""
    username = (value or "").strip().lower()
    if not LOGIN.match(username):
        raise ValidationError(
            f"Tên đăng nhập “{value.strip()}” không hợp lệ: dùng 3–{MAX_LOGIN} chữ cái không dấu, "
            "chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số."
        )
    return username
