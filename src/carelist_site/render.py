"""Markdown for the fields that allow it, always sanitised; everything else is escaped by the templates.

Checklists come from outside. The validator already refuses raw HTML and unsafe links, but the site does not rely on
it: whatever Markdown produces goes through nh3 with a small allow-list, so no script, event handler, style or
`javascript:` link can reach a page even if a check is ever loosened.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

# What steps and details may use: paragraphs, lists, emphasis, links, line breaks, code.
CHECKLIST_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a", "br", "code"})
# The about pages (written in this repository) may also use headings below the page's h1, quotes and tables.
PAGE_TAGS = CHECKLIST_TAGS | {"h2", "h3", "h4", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "pre"}
ATTRIBUTES = {"a": {"href", "hreflang", "lang"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
# Text Markdown would only wrap in a paragraph: one line, starting with a letter (not a list number, heading or
# quote), ending without space, and no character Markdown or HTML gives a meaning to (parentheses mean something
# only after a "]"). Most steps are such plain sentences; converting them costs more than the rest of their page
# (tests/test_fast_builds checks both paths agree).
_CHAR = r"[^\n\r\t\\`*_{}\[\]#+!<>&|~=\u00a0]"  # a character of plain text
_PLAIN = re.compile(rf"[^\W\d_]{_CHAR}*(?<=\S)")
# The same with **bold** runs (no space just inside the stars), the other common step: "**按通知到学校报到**，办理入学手续。"
_BOLD = re.compile(rf"\*\*(?!\s)({_CHAR}+?)(?<=\S)\*\*")
_PLAIN_BOLD = re.compile(rf"(?:{_BOLD.pattern}|[^\W\d_])(?:{_BOLD.pattern}|{_CHAR})*(?<=\S)")


def _keep_link(element: str, attribute: str, value: str) -> str | None:
    """Links are absolute http(s)/mailto/tel, or plainly relative: anything else that looks like a scheme goes."""
    if attribute != "href":
        return value
    scheme, colon, _rest = value.partition(":")
    if not colon or "/" in scheme or "?" in scheme or "#" in scheme:
        return value
    return value if scheme.lower() in URL_SCHEMES else None


class MarkdownRenderer:
    """One reused Python-Markdown converter (building one per text costs more than converting it)."""

    def __init__(self, tags: frozenset[str] = CHECKLIST_TAGS) -> None:
        self._md = markdown.Markdown(output_format="html")
        self._cleaner = nh3.Cleaner(
            tags=set(tags), attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES), attribute_filter=_keep_link, link_rel="noopener noreferrer"
        )

    def block(self, text: str) -> Markup:
        """Markdown to sanitised HTML, as blocks (paragraphs, lists)."""
        # The shortcuts' text holds no character HTML gives a meaning to (no <, > or &): the markup around it is
        # all there is, and nothing is left for nh3 to clean (tests/test_fast_builds compares them with nh3's).
        if _PLAIN.fullmatch(text) and "  " not in text:
            return Markup(f"<p>{text}</p>")
        if "**" in text and _PLAIN_BOLD.fullmatch(text) and "  " not in text:
            return Markup("<p>" + _BOLD.sub(r"<strong>\1</strong>", text) + "</p>")
        self._md.reset()
        return Markup(self._cleaner.clean(self._md.convert(text)))

    def converted(self, text: str) -> Markup:
        """block() always through Python-Markdown (what the plain-text shortcut must agree with)."""
        self._md.reset()
        return Markup(self._cleaner.clean(self._md.convert(text)))

    def inline(self, text: str) -> Markup:
        """Like block, without the paragraph around a single paragraph (for list items such as steps)."""
        html = self.block(text)
        match = _SINGLE_PARAGRAPH.match(html)
        return Markup(match.group(1)) if match and "<p>" not in match.group(1) else html
