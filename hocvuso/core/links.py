"""Links to pages that an app above may or may not serve."""

from django.urls import NoReverseMatch, reverse


def first_url(names) -> str | None:
    """The URL of the first of the named pages this site serves, or None.

    A lower floor names the pages above it instead of importing them, and a page
    that is not installed is passed over.
    """
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None
