"""A region's revisions page (历次修订): every version newest first, with its document, the editor's note and the
changes carelist found; and the line a service page shows when the latest version changed it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from carelist.changes import Change, Effect
from carelist.history import Version
from carelist.model import Checklist
from carelist_site import urls
from carelist_site.localize import LocalDate, Localized
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData


@dataclass(frozen=True)
class ChangeView:
    text: Localized
    effect: str  # raises | lowers | neutral
    effect_label: str | None  # said only when it raises or lowers what families get


@dataclass(frozen=True)
class ChangeGroup:
    """The changes of one version about one service (title None: about the whole list)."""

    title: Localized | None
    href: str | None  # the service's page as it is now; None when the service is gone
    changes: list[ChangeView]


@dataclass(frozen=True)
class VersionView:
    id: str
    version: str
    current: bool
    published: LocalDate
    effective: LocalDate
    committed: LocalDate | None  # when this version first reached the repository
    title: Localized
    issuer: Localized
    number: Localized
    note: Localized | None
    groups: list[ChangeGroup]
    lowers: int


@dataclass(frozen=True)
class RecordedVersion:
    """An earlier version the list records itself (document.history), from before the repository kept it."""

    id: str
    version: str
    date: LocalDate
    changes: Localized


@dataclass(frozen=True)
class RevisionsPage(Page):
    region_name: Localized
    region_href: str
    notice: str | None  # set when the build had no git history
    versions: list[VersionView]
    recorded: list[RecordedVersion]
    feed_href: str


@dataclass(frozen=True)
class ServiceUpdate:
    """ "Updated in version 1.1 on 30 November 2026: documents to bring changed"."""

    version: str
    date: LocalDate
    changes: list[ChangeView]
    href: str


def anchor(version: str) -> str:
    """The id of a version on its page: v1-1 for 1.1."""
    return "v" + version.replace(".", "-")


def versions_of(site: SiteData, checklist: Checklist) -> tuple[Version, ...]:
    region = site.history.of(checklist.code) if site.history else None
    return region.versions if region else ()


def effect_label(_: Callable[[str], str], effect: Effect) -> str | None:
    return {Effect.RAISES: _("raises what families get"), Effect.LOWERS: _("lowers what families get")}.get(effect)


def _change(env: PageEnv, change: Change) -> ChangeView:
    return ChangeView(env.loc.text(change.text), change.effect.value, effect_label(env._, change.effect))


def _groups(env: PageEnv, checklist: Checklist, changes: tuple[Change, ...]) -> list[ChangeGroup]:
    """The list-wide changes first, then one group per service, linking to the service as it is now."""
    current = {*checklist.services, *(s.id for s in checklist.local_items)}
    groups: dict[str | None, ChangeGroup] = {}
    for change in changes:
        if change.item_id not in groups:
            href = env.link(urls.region_service(checklist.code, change.item_id)) if change.item_id in current else None
            groups[change.item_id] = ChangeGroup(env.loc.text(change.item_title) if change.item_title else None, href, [])
        groups[change.item_id].changes.append(_change(env, change))
    return list(groups.values())


def _version(env: PageEnv, checklist: Checklist, version: Version, current: bool) -> VersionView:
    loc, p = env.loc, version.checklist.publication
    return VersionView(
        id=anchor(version.version),
        version=version.version,
        current=current,
        published=loc.date(p.published),
        effective=loc.date(p.effective),
        committed=loc.date(version.first_committed.date()) if version.first_committed else None,
        title=loc.text(p.title),
        issuer=loc.text(p.issuer),
        number=loc.chinese(p.number),
        note=loc.maybe(version.note),
        groups=_groups(env, checklist, version.changes),
        lowers=sum(1 for c in version.changes if c.effect is Effect.LOWERS),
    )


def specs(site: SiteData) -> list[PageSpec]:
    return [
        PageSpec(
            "revisions", urls.revisions(c.code), "revisions", partial(context, c), c.sample, lastmod=c.publication.published, region=c.code
        )
        for c in site.checklists
    ]


def context(checklist: Checklist, env: PageEnv) -> RevisionsPage:
    _, loc, history = env._, env.loc, env.site.history
    name = loc.plain(checklist.name)
    versions = versions_of(env.site, checklist)
    if not versions:  # no history: the current version alone, with its note, so links to it still land
        p = checklist.publication
        versions = (Version(p.version, p.published, None, None, checklist, ()),)
    in_git = {v.version for v in versions}
    unavailable = _("Revision history unavailable: this copy of the site was built without the repository's history.")
    return RevisionsPage(
        title=_("%(region)s: revisions of the list") % {"region": name},
        description=_("Every published version of this list, newest first, and what changed in each."),
        breadcrumbs=env.crumbs((name, urls.region(checklist.code)), (_("Revisions"), None)),
        region_name=loc.text(checklist.name),
        region_href=env.link(urls.region(checklist.code)),
        notice=unavailable if history is None or not history.available else None,
        versions=[_version(env, checklist, v, n == 0) for n, v in enumerate(versions)],
        recorded=[
            RecordedVersion(anchor(h.version), h.version, loc.date(h.date), loc.text(h.changes))
            for h in checklist.publication.history
            if h.version not in in_git
        ],
        feed_href=env.link(urls.revisions_feed(checklist.code)),
    )


def service_update(env: PageEnv, checklist: Checklist, item_id: str) -> ServiceUpdate | None:
    """What the latest version changed in one service; None when it changed nothing there (or is the first)."""
    versions = versions_of(env.site, checklist)
    if len(versions) < 2:
        return None
    latest = versions[0]
    changes = [_change(env, c) for c in latest.changes if c.item_id == item_id]
    if not changes:
        return None
    href = env.link(urls.revisions(checklist.code)) + "#" + anchor(latest.version)
    return ServiceUpdate(latest.version, env.loc.date(latest.published), changes, href)
