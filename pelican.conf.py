"""Pelican settings for the carelist site. `carelist build` and `carelist serve` read this file.

Pelican's blog machinery (articles, pages, tags, authors, archives, feeds) is off: every page comes from the
carelist_site plugin, which reads the validated checklists through the domain package.
"""

import os
from pathlib import Path

from carelist.site_paths import LANGUAGE_PREFIXES

ROOT = Path(__file__).resolve().parent

SITENAME = "流动儿童关爱服务清单"
# The public address, used only where a URL must be absolute: canonical and hreflang links, the sitemap, the feeds
# and the QR codes. Pages link to each other relatively, so the built folder works under any address or offline.
# Set CARELIST_SITEURL when publishing somewhere else (example.cn is a placeholder domain reserved for examples).
SITEURL = os.environ.get("CARELIST_SITEURL", "https://carelist.example.cn")
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]
PLUGIN_PATHS = ["src"]
PLUGINS = ["carelist_site.plugin"]

# The languages of the site. The first is the default (x-default) and lives at the root. A language is this entry
# plus theme/locales/<locale>/LC_MESSAGES/messages.po; its data text falls back to Chinese where a checklist has none.
CARELIST_LANGUAGES = [
    {"code": "zh", "html_lang": "zh-Hans", "prefix": LANGUAGE_PREFIXES["zh"], "locale": "zh_Hans", "name": "中文"},
    {"code": "en", "html_lang": "en", "prefix": LANGUAGE_PREFIXES["en"], "locale": "en", "name": "English"},
]
CARELIST_CHECKLISTS = str(ROOT / "checklists")
CARELIST_SCHEMA_DIR = str(ROOT / "schema")

# Templates autoescape everything; {% trans %} and _() come from the i18n extension.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": ["jinja2.ext.i18n"]}

# Blog machinery off.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
PAGINATED_TEMPLATES: dict[str, int] = {}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
# Never empty the output folder: `carelist build` writes into a fresh folder and swaps it in when it is complete.
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False
# No reStructuredText content: without its reader, docutils does not warn that it has no Chinese localization.
READERS = {"rst": None}
