"""The open-data page: what is in /data/, with links, sizes, version and licence, in one language."""

from __future__ import annotations

from typing import Any

from carelist.model import Text
from carelist_site import open_data, urls
from carelist_site.pages.base import PageEnv, PageSpec, SiteData


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("data", urls.DATA, "data", context, site.any_sample, reads_open_data=True)]


def context(env: PageEnv) -> dict[str, Any]:
    _, site, loc = env._, env.site, env.loc
    data_files = site.data_files()
    files = {f.path: f for f in data_files}

    def entry(path: str, label: str) -> dict[str, str]:
        f, size = files[path], open_data.size_label(files[path].content)
        return {"label": label, "href": env.link_file(path), "meta": size if label == f.format else f"{f.format}, {size}"}

    title = _("Open data")
    return {
        "title": title,
        "description": _("Every region's list of care services for mobile children as JSON and CSV, with the rules and the format."),
        "breadcrumbs": env.crumbs((title, None)),
        "version": open_data.data_version(site.checklists),
        "baseline_version": site.baseline.version,
        "licence": loc.text(Text(*open_data.LICENCE)),
        "combined": entry(open_data.COMBINED, _("Every region's list in one file")),
        "regions": [
            {
                "name": loc.text(c.name),
                "href": env.link(urls.region(c.code)),
                "sample": c.sample,
                "version": c.publication.version,
                "published": loc.date(c.publication.published),
                "files": [
                    entry(open_data.region_json_path(c.code), "JSON"),
                    entry(open_data.region_csv_path(c.code), "CSV"),
                    # each version the history holds, newest first
                    *(
                        entry(f.path, _("Version %(version)s") % {"version": f.version})
                        for f in data_files
                        if f.region == c.code and f.version
                    ),
                ],
            }
            for c in site.checklists
        ],
        "others": [
            entry(open_data.CHANGES, _("Every version of each region's list and what changed in each")),
            entry(open_data.RULES, _("Eligibility rules used by the entitlement finder")),
            entry(open_data.SCHEMA, _("Checklist format (JSON Schema)")),
            entry(open_data.BASELINE, _("National baseline (JSON)")),
            entry(open_data.README, _("Field descriptions and licence (README, in Chinese and English)")),
        ],
    }
