"""The navigation and footer are made once per place: on every page, in every language, what the shared copy holds
must be what the page would have made for itself."""

from __future__ import annotations

from site_helpers import ROOT, SETTINGS

from carelist.checker import Dataset, default_schema_dir, load_regions
from carelist.yaml_reader import read_yaml
from carelist_site import stages, urls
from carelist_site.content import read_about_pages
from carelist_site.i18n import languages_from_settings, load_translations
from carelist_site.pages import chrome
from carelist_site.pages.base import SiteData
from carelist_site.pages.registry import SiteBuilder
from carelist_site.site_settings import read_site_settings


def test_shared_chrome_is_what_each_page_would_make(dataset: Dataset) -> None:
    assert dataset.baseline is not None
    schema = default_schema_dir()
    doc, _ = read_yaml(schema / "baseline.yaml", "baseline.yaml")
    assert doc is not None
    site = SiteData.build(
        dataset.baseline,
        dataset.checklists,
        load_regions(schema),
        read_about_pages(ROOT / "content" / "pages"),
        schema_dir=schema,
        baseline_data=doc.data,
        timings=stages.Timings(),
    )
    languages = languages_from_settings(read_site_settings(SETTINGS)["CARELIST_LANGUAGES"])
    translations = {lang.code: load_translations(ROOT / "theme" / "locales", lang) for lang in languages}
    builder = SiteBuilder(site, languages, urls.SiteURL("https://carelist.example.cn/"), translations)
    shared: dict[object, dict[str, object]] = {}
    pages = 0
    for language in languages:
        for spec in builder.specs():
            env = builder.env(spec, language, translations[language.code])
            fresh = chrome.context(env, {})
            kept = chrome.context(env, shared)
            assert kept == fresh, (language.code, spec.path)
            pages += 1
    # The point of it: far fewer places than pages (pages of one kind at the same depth share one).
    places = sum(1 for key in shared if key[0] != "prefixes")
    assert pages > 200 and places < pages / 3, (pages, places)
