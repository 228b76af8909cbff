"""QR codes as inline SVG, made at build time (no image requests, no network, same bytes every build)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """An SVG QR code for url. Size comes from CSS (viewBox only); the caption beside it carries the meaning."""
    # Choosing the best of the eight masks is two thirds of the build time of a large site; any mask is valid and
    # readers decode all of them, so one fixed mask keeps builds fast (and the output the same for the same URL).
    code = segno.make(url, error="m", micro=False, mask=0)
    # segno escapes nothing itself, but its output holds only the path data it computed, never the URL's text.
    svg = code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True, svgclass="qr-code", lineclass=None)
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
