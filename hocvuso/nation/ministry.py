"""The Ministry as its documents name it: from settings (`MINISTRY_*`), never a literal.

The Ministry is no unit (see `hocvuso.accounts.models.UserRole`); its report's header, signer
and recipients are the fields of a `ReportSettings`, as a province's Department's are
(hocvuso/city/department.py), filled from settings rather than from a saved row, so that one
renderer formats the three levels' reports alike.
"""

from django.conf import settings

from hocvuso.reports.models import ReportSettings


def ministry_name() -> str:
    return settings.MINISTRY_NAME


def ministry_settings() -> ReportSettings:
    """The header, signer and recipients of the Ministry's report (not saved)."""
    return ReportSettings(
        parent_agency="",
        agency=settings.MINISTRY_NAME.upper(),
        agency_short=settings.MINISTRY_NAME,
        place_name=settings.MINISTRY_PLACE,
        symbol=settings.MINISTRY_REPORT_SYMBOL,
        addressee=settings.MINISTRY_ADDRESSEE,
        recipients=f"{settings.MINISTRY_ADDRESSEE}\nLãnh đạo Bộ\nLưu: VT",
        signer_authority=settings.MINISTRY_SIGNER_AUTHORITY,
        signer_title=settings.MINISTRY_SIGNER_TITLE,
        signer_name=settings.MINISTRY_SIGNER_NAME,
    )
