"""Time `carelist validate` on 1 and on 31 checklists and print the cost of each checklist beyond start-up.

    .venv/bin/python benchmarks/validate_speed.py [RUNS]      (default: 5 runs each, the median is printed)

The checklists are tests/examples/positive/110000.yaml copied under each of the 31 province codes (with the matching
name), so every file passes and every check runs. Each run is a fresh `python -m carelist validate` process, so the
schema is compiled and the baseline read in each: the per-file figure is (time for 31 - time for 1) / 30. It is
measured without the report cache (a fresh CI clone) and with it (an editor validating again).
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "examples" / "positive" / "110000.yaml"
_REGIONS = re.compile(r'\{code: "(\d{6})", zh: ([^,]+), en: ([^}]+)\}')
_REGION = re.compile(r'(region:\n  code: )"110000"(\n  name: )\{zh: 北京市, en: Beijing Municipality\}')


def write_checklists(folder: Path) -> list[Path]:
    text = SAMPLE.read_text(encoding="utf-8")
    if not _REGION.search(text):
        raise SystemExit(f"{SAMPLE}: region block not in the expected shape; update the benchmark")
    regions = _REGIONS.findall((ROOT / "schema" / "regions.yaml").read_text(encoding="utf-8"))
    paths = []
    for code, zh, en in regions:
        path = folder / f"{code}.yaml"
        path.write_text(_REGION.sub(lambda m, c=code, z=zh, e=en: f'{m[1]}"{c}"{m[2]}{{zh: {z}, en: {e}}}', text, count=1), "utf-8")
        paths.append(path)
    return paths


def seconds(paths: list[Path], runs: int, cache: str) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) seconds of `carelist validate paths`: on a shared machine the CPU
    time is the steadier figure. cache is CARELIST_CACHE: "off", or a folder (filled by the first run)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CARELIST_CACHE": cache}
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "carelist", "validate", *map(str, paths)], env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"validate failed (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_checklists(Path(tmp))
        for label, cache in (("cold (no report cache)", "off"), ("warm (report cache filled)", str(Path(tmp) / "cache"))):
            seconds(paths, 1, cache)  # fills the cache, and the file system's
            (one, one_cpu), (all_, all_cpu) = seconds(paths[:1], runs, cache), seconds(paths, runs, cache)
            extra = len(paths) - 1
            print(f"{label}, median of {runs}:")
            print(f"  1 checklist:   {one * 1000:7.1f} ms wall, {one_cpu * 1000:7.1f} ms CPU (start-up included)")
            print(f"  {len(paths)} checklists: {all_ * 1000:7.1f} ms wall, {all_cpu * 1000:7.1f} ms CPU")
            print(
                f"  per checklist beyond start-up: {(all_ - one) / extra * 1000:.1f} ms wall, "
                f"{(all_cpu - one_cpu) / extra * 1000:.1f} ms CPU (target: at most 5 ms)"
            )


if __name__ == "__main__":
    main()
