"""The Department's header, signer and recipients for the province's report.

They are a `ReportSettings` row kept for the province's unit (the same fields as a commune's
header), edited by the city officer on the settings page. A province that has saved none gets
defaults from its words and facts: "UBND TỈNH ĐIỆN BIÊN" over "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
reporting to "UBND tỉnh", never another province's name.
"""

from hocvuso.reports.models import ReportSettings
from hocvuso.units.facts import province_facts
from hocvuso.units.models import Unit

DEPARTMENT_SYMBOL = "BC-SKHCN"


def department_name(province: Unit) -> str:
    """The Department as its own header and sentences name it under the province's People's
    Committee: "Sở Khoa học và Công nghệ", without the province the line above already names."""
    facts = province_facts(province)
    name = facts.department
    suffix = f" {facts.words.phrase}"
    if facts.words.name and name.casefold().endswith(suffix.casefold()):
        name = name[: -len(suffix)]
    return name.strip()


def department_defaults(province: Unit) -> ReportSettings:
    """What the Department's report says before its officer saves any settings."""
    words = province_facts(province).words
    name = department_name(province)
    return ReportSettings(
        commune=province,
        parent_agency=words.authority.upper(),
        agency=name.upper(),
        agency_short=name,
        place_name=province.short_name,
        symbol=DEPARTMENT_SYMBOL,
        addressee=words.authority_kind,
        recipients=f"{words.authority_kind}\nLãnh đạo Sở\nLưu: VT",
        signer_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="",
    )


def department_settings(province: Unit) -> ReportSettings:
    """The settings saved for the province if any, else its defaults."""
    saved = ReportSettings.objects.filter(commune=province).first()
    return saved if saved is not None else department_defaults(province)
