"""How the site's Jinja environment is set up: strict about missing names, quick to look names up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, StrictUndefined, nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

# Names a plain dict has as attributes (items, keys, get…): Jinja gives `d.items` the method, never d["items"].
_DICT_NAMES = frozenset(dir(dict))


def configure(env: Environment, bytecode_dir: Path | None) -> None:
    """Set up the environment Pelican made for this build."""
    # {% trans %} blocks are written across lines for reading; trimmed makes the catalogs hold one-line ids.
    env.policies["ext.i18n.trimmed"] = True
    # A template that reads a name its context lacks fails the build (see template_errors.py), never prints "".
    env.undefined = StrictUndefined
    # Each build makes a new environment (carelist serve too): no need to stat every template on every lookup,
    # twice a page (extends, macros), which cost as much as rendering a small template.
    env.auto_reload = False
    if bytecode_dir is not None:
        # Compiled templates, keyed by their source: a fresh process skips compiling the theme again.
        bytecode_dir.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(bytecode_dir))
    env.getattr = _dict_first(env)  # type: ignore[method-assign]
    env.add_extension(FragmentCache)


class FragmentCache(Extension):
    """{% cache key %}…{% endcache %}: the block is rendered once per key for the environment's life (one build).

    For markup that many pages share word for word: the navigation and the footer of the pages that link from the
    same place (see pages/chrome.py), a region's source line and hotlines (macros.html). The key must name everything
    the block reads."""

    tags = {"cache"}  # noqa: RUF012  # Jinja's Extension declares it a class attribute

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.fragments: dict[Any, Markup] = {}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_fragment", [key]), [], [], body).set_lineno(lineno)

    def _fragment(self, key: Any, caller: Any) -> Markup:
        if key not in self.fragments:
            self.fragments[key] = caller()
        return self.fragments[key]


def _dict_first(env: Environment) -> Any:
    """Environment.getattr, answering `item.href` on a dict without first raising and catching AttributeError.

    Jinja tries getattr(obj, name) before obj[name]; on a dict that raises for every key, 1.3 µs each, some 110
    times a page (links, hotlines, sources). The answer is the same: a dict's only attributes are its methods."""
    lookup = Environment.getattr

    def getattr_(obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return lookup(env, obj, attribute)

    return getattr_
