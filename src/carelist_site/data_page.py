"""The data page: what its template needs, in one language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carelist_site.pages import PageEnv


def context(env: PageEnv) -> dict[str, Any]:
    title = env._("Data")
    return {"title": title, "description": title, "breadcrumbs": env.crumbs((title, None))}
