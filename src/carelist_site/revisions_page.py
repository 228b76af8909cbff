"""A region's revisions page (历次修订): every version newest first, with its document, the editor's note and the
changes carelist found; and the line a service page shows when the latest version changed it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from carelist.changes import Change, Effect
from carelist.history import Version
from carelist.model import Checklist
from carelist_site import urls

if TYPE_CHECKING:
    from carelist_site.pages import PageEnv


def anchor(version: str) -> str:
    """The id of a version on its page: v1-1 for 1.1."""
    return "v" + version.replace(".", "-")


def versions_of(env: PageEnv, checklist: Checklist) -> tuple[Version, ...]:
    history = env.site.history
    region = history.of(checklist.code) if history else None
    return region.versions if region else ()


def effect_label(env: PageEnv, effect: Effect) -> str | None:
    return effect_label_text(env._, effect)


def effect_label_text(_: Callable[[str], str], effect: Effect) -> str | None:
    return {Effect.RAISES: _("raises what families get"), Effect.LOWERS: _("lowers what families get")}.get(effect)


def _change(env: PageEnv, change: Change) -> dict[str, Any]:
    return {"text": env.loc.text(change.text), "effect": change.effect.value, "effect_label": effect_label(env, change.effect)}


def _groups(env: PageEnv, checklist: Checklist, changes: tuple[Change, ...]) -> list[dict[str, Any]]:
    """The list-wide changes first, then one group per service, linking to the service as it is now."""
    current = {*checklist.services, *(s.id for s in checklist.local_items)}
    groups: dict[str | None, dict[str, Any]] = {}
    for change in changes:
        if change.item_id not in groups:
            groups[change.item_id] = {
                "title": env.loc.text(change.item_title) if change.item_title else None,
                "href": env.link(urls.region_service(checklist.code, change.item_id)) if change.item_id in current else None,
                "changes": [],
            }
        groups[change.item_id]["changes"].append(_change(env, change))
    return list(groups.values())


def version_view(env: PageEnv, checklist: Checklist, version: Version, current: bool) -> dict[str, Any]:
    loc, p = env.loc, version.checklist.publication
    return {
        "id": anchor(version.version),
        "version": version.version,
        "current": current,
        "published": loc.date(p.published),
        "effective": loc.date(p.effective),
        "committed": loc.date(version.first_committed.date()) if version.first_committed else None,
        "title": loc.text(p.title),
        "issuer": loc.text(p.issuer),
        "number": loc.chinese(p.number),
        "note": loc.maybe(version.note),
        "groups": _groups(env, checklist, version.changes),
        "lowers": sum(1 for c in version.changes if c.effect is Effect.LOWERS),
    }


def context(checklist: Checklist, env: PageEnv) -> dict[str, Any]:
    _, loc = env._, env.loc
    name = loc.plain(checklist.name)
    history = env.site.history
    versions = versions_of(env, checklist)
    in_git = {v.version for v in versions}
    title = _("%(region)s: revisions of the list") % {"region": name}
    return {
        "title": title,
        "description": _("Every published version of this list, newest first, and what changed in each."),
        "breadcrumbs": env.crumbs((name, urls.region(checklist.code)), (_("Revisions"), None)),
        "region_name": loc.text(checklist.name),
        "region_href": env.link(urls.region(checklist.code)),
        "notice": _("Revision history unavailable: this copy of the site was built without the repository's history.")
        if history is None or not history.available
        else None,
        "versions": [version_view(env, checklist, v, n == 0) for n, v in enumerate(versions)],
        # Versions the list itself records (document.history) from before the repository kept them.
        "recorded": [
            {"version": h.version, "date": loc.date(h.date), "changes": loc.text(h.changes)}
            for h in checklist.publication.history
            if h.version not in in_git
        ],
        "feed_href": env.link(urls.revisions_feed(checklist.code)),
    }


def service_update(env: PageEnv, checklist: Checklist, item_id: str) -> dict[str, Any] | None:
    """ "Updated in version 1.1 on 30 November 2026: documents to bring changed", when the latest version changed it."""
    versions = versions_of(env, checklist)
    if len(versions) < 2:
        return None  # a first version changes nothing
    latest = versions[0]
    changes = [c for c in latest.changes if c.item_id == item_id]
    if not changes:
        return None
    return {
        "version": latest.version,
        "date": env.loc.date(latest.published),
        "changes": [_change(env, c) for c in changes],
        "href": env.link(urls.revisions(checklist.code)) + "#" + anchor(latest.version),
    }
