"""The about pages: content/pages/<slug>.<language>.md, a small metadata header, a blank line, then Markdown.

    Title: 关于行动方案
    Summary: 一句话说明这一页讲什么。
    Order: 1

    正文……

Every slug needs the Chinese version (zh); a language without its own file shows the Chinese with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from carelist.errors import CarelistError
from carelist.model import Text
from carelist_site.localize import SOURCE_CODE
from carelist_site.urls import safe_id

_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+)*)\.md$")
_HEADER = re.compile(r"^(?P<key>[A-Za-z]+):\s*(?P<value>.*)$")
REQUIRED = ("title", "summary", "order")


@dataclass(frozen=True)
class AboutPage:
    slug: str
    order: int
    title: Text
    summary: Text
    body: Text  # Markdown
    # Texts for languages other than zh/en, keyed by language code (the model's Text knows only zh and en).
    others: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def _parse(path: Path) -> tuple[dict[str, str], str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CarelistError(f"{path}: cannot read ({exc})") from exc
    head, sep, body = raw.replace("\r\n", "\n").partition("\n\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        match = _HEADER.match(line)
        if not match:
            raise CarelistError(f"{path}: header lines are 'Key: value', then one blank line before the text; got {line!r}")
        meta[match["key"].lower()] = match["value"].strip()
    missing = [key for key in REQUIRED if not meta.get(key)]
    if missing or not sep:
        raise CarelistError(f"{path}: needs the header fields {', '.join(REQUIRED)} and a blank line before the text")
    if not meta["order"].isdigit():
        raise CarelistError(f"{path}: Order must be a whole number, not {meta['order']!r}")
    return meta, body.strip() + "\n"


def read_about_pages(folder: Path) -> list[AboutPage]:
    """Every about page in folder, in their Order; an absent folder means no about pages."""
    if not folder.is_dir():
        return []
    versions: dict[str, dict[str, tuple[dict[str, str], str]]] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix != ".md":
            continue
        match = _NAME.match(path.name)
        if not match:
            raise CarelistError(f"{path}: about pages are named <slug>.<language>.md, e.g. accessibility.zh.md")
        versions.setdefault(safe_id(match["slug"]), {})[match["lang"]] = _parse(path)
    pages = []
    for slug, by_lang in versions.items():
        if SOURCE_CODE not in by_lang:
            raise CarelistError(f"{folder}/{slug}.{SOURCE_CODE}.md is missing: every about page needs its Chinese version")
        zh_meta, zh_body = by_lang[SOURCE_CODE]
        en_meta, en_body = by_lang.get("en", ({}, ""))
        pages.append(
            AboutPage(
                slug=slug,
                order=int(zh_meta["order"]),
                title=Text(zh_meta["title"], en_meta.get("title")),
                summary=Text(zh_meta["summary"], en_meta.get("summary")),
                body=Text(zh_body, en_body or None),
                others={
                    lang: (meta["title"], meta["summary"], body)
                    for lang, (meta, body) in sorted(by_lang.items())
                    if lang not in (SOURCE_CODE, "en")
                },
            )
        )
    return sorted(pages, key=lambda p: (p.order, p.slug))
