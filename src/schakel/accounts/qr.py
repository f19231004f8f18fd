"""QR code for setting up an authenticator app, as inline SVG (no external service)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str) -> SafeString:
    code = segno.make(data, error="m")
    svg = code.svg_inline(scale=5, dark="#000", light="#fff", omitsize=False)
    # segno builds the SVG from the otpauth URI alone: no user HTML goes in.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR-code" ', 1))  # noqa: S308
