"""The site's Jinja environment: `item.name` on a dict answered directly must mean what Jinja's own lookup means."""

from __future__ import annotations

import pytest
from jinja2 import Environment, UndefinedError

from carelist_site import template_env


class Item:
    href = "attribute"

    def __getitem__(self, name: str) -> str:
        return "item"


@pytest.fixture
def envs() -> tuple[Environment, Environment]:
    """Jinja's own environment and the site's, both strict about undefined names."""
    plain, site = Environment(), Environment()
    template_env.configure(plain, None)
    plain.getattr = Environment.getattr.__get__(plain)  # type: ignore[method-assign]  # undo the fast lookup
    template_env.configure(site, None)
    return plain, site


@pytest.mark.parametrize(
    "source",
    [
        "{{ d.href }}",
        "{{ d.items is callable }} {{ d.get('href') }}",  # a dict's methods stay methods, even when a key has the name
        "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
        "{{ d.nested.label }}",
        "{{ o.href }} {{ o['x'] }}",  # an object's attribute comes before its item
        "{{ d['items'] }}",
    ],
)
def test_same_output_as_jinja(envs: tuple[Environment, Environment], source: str) -> None:
    context = {"d": {"href": "a.html", "items": "the key", "nested": {"label": "x"}}, "o": Item()}
    plain, site = envs
    assert site.from_string(source).render(context) == plain.from_string(source).render(context)


def test_a_missing_key_still_fails_the_page(envs: tuple[Environment, Environment]) -> None:
    for env in envs:
        with pytest.raises(UndefinedError, match="has no attribute 'label'"):
            env.from_string("{{ d.label }}").render(d={"href": "a.html"})


class AttributeDict(dict[str, str]):
    href = "attribute"


def test_a_dict_subclass_keeps_jinjas_order(envs: tuple[Environment, Environment]) -> None:
    """Only plain dicts are answered from their keys: a subclass may have attributes of its own, which come first."""
    for env in envs:
        assert env.from_string("{{ d.href }}").render(d=AttributeDict(href="key")) == "attribute"
