"""QR codes as inline SVG, for a phone's camera to read off the screen."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(content: str, title: str) -> SafeString:
    """`content` as a QR code in inline SVG, with `title` read out by screen readers."""
    code = segno.make(content, error="m")
    # Safe: segno writes the SVG itself and escapes the title (the only text from a user).
    return mark_safe(code.svg_inline(border=2, omitsize=True, title=title))  # nosec B308 B703
