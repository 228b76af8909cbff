"""Build a site of N synthetic regions (copies of a sample checklist under made-up codes) and time it.

    .venv/bin/python benchmarks/build_speed.py [N ...]      (default: 10 100)

Codes beyond the 31 provinces are not in schema/regions.yaml, so the benchmark uses a copy of schema/ whose
regions.yaml lists the synthetic regions. Prints build seconds (validation included) and pages per second.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from carelist_site.build import build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "checklists" / "440000.yaml"
_REGION = re.compile(r'(region:\n  code: )"\d{6}"(\n  name:\n    zh: )[^\n]+(\n    en: )[^\n]+')


def synthetic_checklists(folder: Path, schema: Path, count: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    if not _REGION.search(text):
        raise SystemExit(f"{SAMPLE}: region block not in the expected shape; update the benchmark")
    regions = []
    for n in range(count):
        code = f"{900000 + n}"
        name_zh, name_en = f"合成地区{n}", f"Synthetic region {n}"
        (folder / f"{code}.yaml").write_text(
            _REGION.sub(lambda m, c=code, z=name_zh, e=name_en: f'{m[1]}"{c}"{m[2]}{z}{m[3]}{e}', text, count=1), encoding="utf-8"
        )
        regions.append(f'  - {{code: "{code}", zh: {name_zh}, en: {name_en}}}')
    (schema / "regions.yaml").write_text("regions:\n" + "\n".join(regions) + "\n", encoding="utf-8")


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        checklists, schema = base / "checklists", base / "schema"
        checklists.mkdir()
        shutil.copytree(ROOT / "schema", schema)
        synthetic_checklists(checklists, schema, count)
        settings = base / "pelican.conf.py"
        settings.write_text(
            "import runpy\n"
            f"globals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelican.conf.py')!r}).items() if k.isupper()}})\n"
            f"PATH = {str(ROOT / 'content')!r}\nCARELIST_SCHEMA_DIR = {str(schema)!r}\n",
            encoding="utf-8",
        )
        started = time.perf_counter()
        result = build(settings, output=base / "output", checklists=checklists)
        seconds = time.perf_counter() - started
        if not result.built:
            raise SystemExit(f"synthetic data did not validate: {len(result.report.errors)} errors")
        print(f"{count:>6} regions  {result.pages:>7} pages  {seconds:>7.1f} s  {result.pages / seconds:>7.0f} pages/s")


def main(argv: list[str]) -> int:
    for count in [int(a) for a in argv] or [10, 100]:
        run(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
