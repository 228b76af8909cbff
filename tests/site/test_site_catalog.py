"""Every interface string in the templates and the site code has a Chinese translation, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from site_helpers import ROOT

SOURCES = (ROOT / "theme/templates", ROOT / "src/carelist_site")
TRANSLATED_LOCALES = ("zh_Hans",)  # English is the msgid language and needs no catalog
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted() -> dict[str | tuple[str, ...], str]:
    """msgid (a tuple for plurals) → where it was found, extracted the way `make catalog` does."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found: dict[str | tuple[str, ...], str] = {}
    for folder in SOURCES:
        for filename, lineno, message, _comments, _context in extract_from_dir(folder, method_map, options_map):
            key = message if isinstance(message, str) else tuple(message)
            found.setdefault(key, f"{Path(folder.name) / filename}:{lineno}")
    return found


def test_strings_are_found() -> None:
    messages = extracted()
    assert "Skip to main content" in messages, "the templates were not read"
    assert "Compare regions" in messages, "the navigation list (N_ in Python) was not read"


@pytest.mark.parametrize("locale", TRANSLATED_LOCALES)
def test_every_interface_string_is_translated(locale: str) -> None:
    with (ROOT / f"theme/locales/{locale}/LC_MESSAGES/messages.po").open("rb") as po:
        catalog = read_po(po, locale=locale)
    problems = []
    for msgid, where in extracted().items():
        message = catalog.get(msgid if isinstance(msgid, str) else msgid[0])
        strings = [] if message is None else ([message.string] if isinstance(message.string, str) else list(message.string))
        if message is None or not all(strings):
            problems.append(f"{where}: untranslated {msgid!r}")
        elif message.fuzzy:
            problems.append(f"{where}: fuzzy (unchecked) translation of {msgid!r}")
        else:
            wanted = set(_PLACEHOLDER.findall(msgid if isinstance(msgid, str) else " ".join(msgid)))
            for string in strings:
                if set(_PLACEHOLDER.findall(string)) - wanted:
                    problems.append(f"{where}: {string!r} uses a placeholder {msgid!r} does not have")
    assert not problems, "run `make catalog`, then translate:\n" + "\n".join(problems)
