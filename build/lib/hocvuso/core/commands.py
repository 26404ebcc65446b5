"""What management commands share."""

import datetime

from django.core.management.base import CommandError


def iso_date(text: str) -> datetime.date:
    """A command-line date, YYYY-MM-DD, or a Vietnamese error naming it."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không đúng dạng YYYY-MM-DD.") from None
