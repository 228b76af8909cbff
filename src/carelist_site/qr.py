"""QR codes as inline SVG, made at build time (no image requests, no network, same bytes every build)."""

from __future__ import annotations

import re

import zxingcpp
from markupsafe import Markup

BORDER = 2  # modules of light margin around the code (the page around it is light too)
_DARK_RUN = re.compile(rb"\x00+")


def qr_svg(url: str) -> Markup:
    """An SVG QR code for url. Size comes from CSS (viewBox only); the caption beside it carries the meaning."""
    # zxing-cpp encodes in C++ (zint) and picks the best mask, several times faster than a pure-Python encoder: the
    # codes were a quarter of the build time of a large site. Only the module matrix is taken from it; the SVG is
    # drawn here, one stroked line per run of dark modules, so the markup stays small and stable.
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    modules = bytes(memoryview(image))  # type: ignore[arg-type]  # one byte per module: 0 dark, 255 light
    size = width + 2 * BORDER
    path: list[str] = []
    at = (0, 0)
    for y in range(height):
        for run in _DARK_RUN.finditer(modules, y * width, (y + 1) * width):
            x, length = run.start() - y * width + BORDER, run.end() - run.start()
            if path:
                path.append(f"m{x - at[0]} {y + BORDER - at[1]}h{length}")
            else:
                path.append(f"M{x} {y + BORDER}.5h{length}")  # strokes run along the middle of each row
            at = (x + length, y + BORDER)
    # The output holds only numbers computed here, never the URL's text: nothing in it needs escaping.
    return Markup(
        f'<svg aria-hidden="true" focusable="false" viewBox="0 0 {size} {size}" class="qr-code">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path stroke="#000" d="{"".join(path)}"/></svg>'
    )
