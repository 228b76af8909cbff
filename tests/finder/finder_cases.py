"""The finder's scenario table (scenarios.yaml) as test cases, and the data it is checked against.

Test modules import this directly (`from finder_cases import ...`); tests/browser/ reads the same table through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from carelist.checker import check
from carelist.eligibility import Move, RegionRules, Scenario, region_rules
from carelist.model import Baseline
from served_site import FIXTURE_CHECKLISTS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCENARIOS = HERE / "scenarios.yaml"
GROUPS = {"entitled": "entitled", "later": "later", "more_info": "more-info"}  # table key → engine outcome


@dataclass(frozen=True)
class Case:
    id: str
    about: str
    source: str  # what the expectation rests on: the baseline rule, a law, the region's list
    region: str
    age: int | None
    months: int | None
    move: str | None
    situations: tuple[str, ...]
    expect: dict[str, Any]

    @property
    def scenario(self) -> Scenario:
        return Scenario(self.region, self.age, self.months, Move(self.move) if self.move else None, frozenset(self.situations))

    def as_js(self) -> dict[str, Any]:
        """The scenario as finder-engine.js takes it (null for unanswered)."""
        return {"region": self.region, "age": self.age, "months": self.months, "move": self.move, "situations": list(self.situations)}

    def cli_args(self) -> list[str]:
        """`carelist finder` arguments for this scenario; unanswered questions are left out."""
        # the fixtures, as data() reads them: the published samples may differ (and do, for Zhejiang's revisions)
        args = ["finder", "--region", self.region, "--checklists", str(FIXTURE_CHECKLISTS)]
        for option, value in (("--age", self.age), ("--months", self.months), ("--move", self.move)):
            if value is not None:
                args += [option, str(value)]
        return args + (["--situation", *self.situations] if self.situations else [])

    def fragment(self) -> str:
        """The page's URL fragment for this scenario."""
        parts = [f"region={self.region}"]
        parts += [f"{k}={v}" for k, v in (("age", self.age), ("months", self.months), ("move", self.move)) if v is not None]
        return "#" + "&".join(parts + [f"s={s}" for s in self.situations])


def load_cases() -> list[Case]:
    raw = yaml.safe_load(SCENARIOS.read_text(encoding="utf-8"))
    return [
        Case(
            id=c["id"],
            about=c["about"],
            source=c["source"],
            region=c["region"],
            age=c.get("age"),
            months=c.get("months"),
            move=c.get("move"),
            situations=tuple(c.get("situations", ())),
            expect=c["expect"],
        )
        for c in raw
    ]


CASES = load_cases()


@cache
def data() -> tuple[Baseline, dict[str, RegionRules]]:
    """The sample checklists' rules, resolved once."""
    dataset = check([FIXTURE_CHECKLISTS])
    assert dataset.baseline is not None and dataset.report.ok, dataset.report
    return dataset.baseline, {c.code: region_rules(c, dataset.baseline) for c in dataset.checklists}


def by_outcome(result_json: dict[str, Any]) -> dict[str, list[str]]:
    """result_as_json's answers grouped as the table lists them: entitled, later, more_info (ids in answer order)."""
    return {key: [a["id"] for a in result_json["answers"] if a["outcome"] == outcome] for key, outcome in GROUPS.items()}
