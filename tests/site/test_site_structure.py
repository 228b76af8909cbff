"""The layout's promises: every service's website reaches its page, a template cannot read a name its page lacks, and
the import graph of src/ has no cycles, with the domain package knowing nothing of the site, Pelican or Jinja."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from site_helpers import ROOT, Site
from test_site_build import _settings_with

from carelist.checker import Dataset
from carelist.cli import main

SRC = ROOT / "src"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_service_website_is_a_link_on_its_page(site: Site, dataset: Dataset, prefix: str) -> None:
    services = [(c.code, s) for c in dataset.checklists for s in [*c.services.values(), *c.local_items] if s.url]
    assert len(services) >= 5, "the fixtures give websites for several services"
    for code, service in services:
        page = site.soup(f"{prefix}regions/{code}/{service.id}/index.html")
        label = "网站" if prefix == "" else "Website"
        row = next((dt for dt in page.find_all("dt") if dt.get_text(strip=True) == label), None)
        assert row is not None, f"{prefix}regions/{code}/{service.id}/ has no {label} row"
        link = row.find_next_sibling("dd").find("a")
        assert link["href"] == service.url and link.get_text(strip=True) == service.url


def test_a_template_reading_an_unknown_name_fails_the_build_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "service.html"
    lines = template.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "<h1" in text)
    lines[line - 1] += "{{ no_such_name }}"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = _settings_with(tmp_path, f"THEME = {str(theme)!r}\n")

    assert main(["build", "--settings", str(settings), "--output", str(tmp_path / "output")]) == 2

    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"service.html:{line}" in err and "'no_such_name' is undefined" in err, err
    assert not (tmp_path / "output").exists()


def _imports(path: Path, module: str) -> set[str]:
    """Every carelist/carelist_site module a file imports, TYPE_CHECKING and function-level imports included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                base = ".".join(module.split(".")[: -node.level] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m.split(".")[0] in ("carelist", "carelist_site")}


def _graph() -> dict[str, set[str]]:
    modules = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return {m: {i for i in _imports(p, m) if i in modules and i != m} for m, p in modules.items()}


def test_no_module_of_src_imports_one_that_imports_it_back() -> None:
    graph = _graph()
    assert len(graph) > 30
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in graph[node]:
            if nxt in trail:
                cycles.append(" → ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in done:
                visit(nxt, [*trail, nxt])
        done.add(node)

    done: set[str] = set()
    for module in sorted(graph):
        visit(module, [module])
    assert not cycles, "import cycles:\n" + "\n".join(sorted(set(cycles)))


def test_the_domain_package_imports_no_site_code_pelican_jinja_or_web() -> None:
    forbidden = ("carelist_site", "pelican", "jinja2", "markupsafe", "http", "urllib.request", "bs4")
    offenders = []
    for path in (SRC / "carelist").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.relative_to(SRC)}: {n}" for n in names if n.split(".")[0] in forbidden or n in forbidden]
    assert not offenders, offenders
