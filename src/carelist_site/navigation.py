"""The site's main navigation: one list, in the order shown. Add an entry here to add it to every page.

Labels are English message ids (translated through the catalogs); paths are language-neutral (see urls.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from carelist_site import urls
from carelist_site.i18n import N_


@dataclass(frozen=True)
class NavItem:
    key: str  # the page kind it stands for; marks the current entry
    label: str
    path: str


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("home", N_("Home"), urls.HOME),
    NavItem("finder", N_("What can my child get?"), urls.FINDER),
    NavItem("search", N_("Search"), urls.SEARCH),
    NavItem("coverage", N_("Compare regions"), urls.COVERAGE),
    NavItem("about", N_("About"), urls.about("about-the-plan")),
)
