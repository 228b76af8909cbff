"""Bad input generated in the test (bytes that should not be committed, or too big to be): each gets a located,
bilingual error, exit code 1, no traceback, in bounded time. Nothing in a file is ever executed.
"""

from __future__ import annotations

import copy
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from carelist import typing_slips, yaml_reader
from carelist.cli import main

POSITIVE = Path(__file__).parent / "examples" / "positive" / "110000.yaml"
ONE_FIELD = 'region:\n  code: "440000"\n  name: {zh: 广东省, en: Guangdong Province}\n'


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def only(diagnostics: list[dict], code: str) -> dict:
    """The one diagnostic of a file that the reader refused outright."""
    assert [d["code"] for d in diagnostics if d["level"] == "error"] == [code], diagnostics
    return diagnostics[0]


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"\xef\xbb\xbf", b"---\n", b"~\n", b"null\n"], ids=repr)
def test_empty_file(tmp_path, validate_json, content) -> None:
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", content))
    assert code == 1
    d = only(diagnostics, "file.empty")
    assert (d["line"], d["column"]) == (1, 1)
    assert "carelist new" in d["hint"]["en"]


def test_gbk_file_names_the_line_and_column_and_says_utf8(tmp_path, validate_json) -> None:
    text = '# 广东省清单\nregion:\n  code: "440000"\n  name: {zh: 广东省}\n'
    data = text.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test file really is not UTF-8
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", data))
    assert code == 1
    d = only(diagnostics, "file.encoding")
    assert (d["line"], d["column"]) == (1, 3)  # "# " then the first GBK byte
    assert "UTF-8" in d["message"]["en"] and "GBK" in d["hint"]["en"] and "UTF-8" in d["hint"]["zh"]


def test_nul_bytes(tmp_path, validate_json) -> None:
    data = ONE_FIELD.encode() + b'hotlines:\n  - phone: "123\x0045"\n'
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", data))
    assert code == 1
    d = only(diagnostics, "file.binary")
    assert (d["line"], d["column"]) == (5, 16)  # `  - phone: "123` is 15 characters
    assert "NUL" in d["message"]["en"]


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 20240903])
def test_binary_junk(tmp_path, validate_json, seed) -> None:
    data = random.Random(seed).randbytes(8192)
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", data))
    assert code == 1
    d = only(diagnostics, "file.binary" if b"\x00" in data else "file.encoding")
    assert d["line"] >= 1 and d["column"] >= 1


def test_binary_junk_without_nul_bytes(tmp_path, validate_json) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(8192))
    assert b"\x00" not in data and len(set(data)) > 200
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", data))
    assert code == 1
    only(diagnostics, "file.encoding")


def test_file_over_the_size_limit_is_not_parsed(tmp_path, validate_json) -> None:
    line = b'  - {zh: "' + b"x" * 200 + b'"}\n'
    data = b"hotlines:\n" + line * (yaml_reader.MAX_BYTES // len(line) + 1)
    assert len(data) > yaml_reader.MAX_BYTES
    started = time.perf_counter()
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", data))
    assert time.perf_counter() - started < 1.0
    assert code == 1
    d = only(diagnostics, "file.too_large")
    assert str(len(data)) in d["message"]["en"] and str(yaml_reader.MAX_BYTES) in d["message"]["zh"]


def test_file_at_the_size_limit_is_read(tmp_path, validate_json) -> None:
    padding = b"#" * (yaml_reader.MAX_LINE - 1) + b"\n"
    data = ONE_FIELD.encode()
    data += padding * ((yaml_reader.MAX_BYTES - len(data)) // len(padding))
    data += b"#" * (yaml_reader.MAX_BYTES - len(data))
    assert len(data) == yaml_reader.MAX_BYTES
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", data))
    assert code == 1
    assert "file.too_large" not in {d["code"] for d in diagnostics}
    assert "schema.required" in {d["code"] for d in diagnostics}  # it was parsed and checked


def test_endless_file_is_read_no_further_than_the_limit() -> None:
    # /dev/zero reports size 0 and never ends; a reader trusting the size would fill the memory.
    run = subprocess.run([sys.executable, "-m", "carelist", "validate", "/dev/zero"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "file.too_large" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_very_long_line(tmp_path, validate_json) -> None:
    text = ONE_FIELD + "document:\n  title: {zh: " + "长" * 5000 + "}\n"
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", text.encode()))
    assert code == 1
    d = only(diagnostics, "file.long_line")
    assert (d["line"], d["column"]) == (5, yaml_reader.MAX_LINE + 1)
    assert "5015" in d["message"]["en"] and ">-" in d["hint"]["en"]


def test_deep_nesting_in_block_style(tmp_path, validate_json) -> None:
    text = "".join("  " * depth + f"level{depth}:\n" for depth in range(40)) + "  " * 40 + "bottom\n"
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", text.encode()))
    assert code == 1
    d = only(diagnostics, "yaml.too_deep")
    # The mapping on line n is the n-th container open (the file's own mapping is the first): line 25 is one too many.
    depth = yaml_reader.MAX_DEPTH
    assert (d["line"], d["column"]) == (depth + 1, 2 * depth + 1)


def test_deep_flow_nesting_over_many_lines(tmp_path, validate_json) -> None:
    text = "a: [\n" + "  [\n" * 50_000 + "  ]\n" * 50_000 + "]\n"
    started = time.perf_counter()
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", text.encode()))
    assert time.perf_counter() - started < 1.0
    assert code == 1
    only(diagnostics, "yaml.too_deep")


def test_too_many_nodes_within_the_size_limit(tmp_path, validate_json) -> None:
    row = ", ".join(["1"] * 30)
    text = "a: [\n" + ",\n".join([row] * 10_000) + "]\n"
    assert len(text.encode()) < yaml_reader.MAX_BYTES
    started = time.perf_counter()
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", text.encode()))
    assert time.perf_counter() - started < 3.0
    assert code == 1
    d = only(diagnostics, "yaml.too_many_nodes")
    assert str(yaml_reader.MAX_NODES) in d["message"]["en"]


def test_billion_laughs_is_refused_well_under_a_second(repo) -> None:
    bomb = repo / "tests" / "examples" / "negative" / "billion-laughs.yaml"
    started = time.perf_counter()
    code = main(["validate", "--format", "json", str(bomb)])
    assert time.perf_counter() - started < 1.0
    assert code == 1


def test_quadratic_blowup_is_refused(tmp_path, validate_json) -> None:
    # One long anchored string referenced many times: small file, huge expanded data.
    text = "a: &a " + "x" * 3000 + "\nb: [" + ", ".join(["*a"] * 2000) + "]\n"
    text = text.replace("\nb: [", "\nb: [\n").replace(", ", ",\n")
    started = time.perf_counter()
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", text.encode()))
    assert time.perf_counter() - started < 1.0
    assert code == 1
    assert only(diagnostics, "yaml.alias")["line"] == 1


def _canary_payload(canary: Path) -> str:
    # PyYAML's unsafe loader turns this into open(canary, "w"): the file appears if the tag is ever constructed.
    return ONE_FIELD + f'hotlines: !!python/object/apply:builtins.open ["{canary.as_posix()}", "w"]\n'


def test_the_canary_payload_is_live(tmp_path) -> None:
    # Proves the payload below would do something if a loader executed it, so its absence there means something.
    canary = tmp_path / "executed"
    yaml.unsafe_load(_canary_payload(canary)).get("hotlines").close()
    assert canary.exists()


def test_python_tag_is_never_executed(tmp_path, validate_json) -> None:
    canary = tmp_path / "executed"
    path = write_bytes(tmp_path, "440000.yaml", _canary_payload(canary).encode())
    code, diagnostics = validate_json(path)
    assert not canary.exists()
    assert code == 1
    d = only(diagnostics, "yaml.tag")
    assert (d["line"], d["column"]) == (4, 11)
    assert "python/object/apply:builtins.open" in d["message"]["en"]


def test_python_tag_is_never_executed_by_the_installed_command(tmp_path) -> None:
    canary = tmp_path / "executed"
    path = write_bytes(tmp_path, "440000.yaml", _canary_payload(canary).encode())
    for command in ("validate", "coverage"):
        run = subprocess.run([sys.executable, "-m", "carelist", command, str(path)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 1
        assert "yaml.tag" in run.stdout + run.stderr
        assert not canary.exists()


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/new:os.system [echo]",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!binary aGVsbG8=",
        "!!timestamp 2025-01-01",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!!int '16'",
        "!<tag:yaml.org,2002:python/object/apply:os.system> [echo]",
        "!local {}",
    ],
)
def test_every_tag_a_checklist_does_not_need_is_refused(tmp_path, validate_json, tagged) -> None:
    path = write_bytes(tmp_path, "440000.yaml", (ONE_FIELD + f"hotlines: {tagged}\n").encode())
    code, diagnostics = validate_json(path)
    assert code == 1
    d = only(diagnostics, "yaml.tag")
    assert (d["line"], d["column"]) == (4, 11)


def test_tag_on_a_key_is_refused(tmp_path, validate_json) -> None:
    path = write_bytes(tmp_path, "440000.yaml", (ONE_FIELD + "? !!python/name:os.system\n: x\n").encode())
    code, diagnostics = validate_json(path)
    assert code == 1
    assert only(diagnostics, "yaml.tag")["line"] == 4


@pytest.mark.parametrize("char", ["\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff"])
def test_control_character_in_the_file(tmp_path, validate_json, char) -> None:
    text = ONE_FIELD + f"document:\n  title: {{zh: 清单{char}标题}}\n"
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", text.encode()))
    assert code == 1
    d = only(diagnostics, "file.control_char")
    assert (d["line"], d["column"]) == (5, 17)  # `  title: {zh: 清单` is 16 characters
    assert f"U+{ord(char):04X}" in d["message"]["en"]


def test_windows_notepad_file_with_bom_and_crlf_is_fine(tmp_path, validate_json) -> None:
    text = POSITIVE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = write_bytes(tmp_path, "110000.yaml", b"\xef\xbb\xbf" + text.encode())
    code, diagnostics = validate_json(path)
    assert [d for d in diagnostics if d["level"] == "error"] == []
    assert code == 0


def test_lines_are_counted_the_way_editors_count_them_with_crlf(tmp_path, validate_json) -> None:
    text = ONE_FIELD.replace("\n", "\r\n") + "services:\r\n\tpreschool: {}\r\n"
    code, diagnostics = validate_json(write_bytes(tmp_path, "440000.yaml", text.encode()))
    assert code == 1
    assert (only(diagnostics, "yaml.tab")["line"]) == 5


_YAML_NOISE = [*":-[]{}#&*!|>'\"%@`, ?\t\n", "  ", "\n  ", ": ", "- "]
_ODD_VALUES = ["yes", "no", "~", "2025-02-30", "1e999", "-1", "[]", "{}", '""', "{zh: x}", "[1, 2]", "99999999999999999999"]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.randrange(5)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            lines[i] = " " * rng.randint(0, 3) + lines[i]
        elif op == 3 and ": " in lines[i]:
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {rng.choice(_ODD_VALUES)}"
        else:
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice(_YAML_NOISE) + lines[i][pos:]
    return "\n".join(lines)


def test_random_damage_to_a_valid_checklist_never_crashes(tmp_path, cli) -> None:
    text = POSITIVE.read_text(encoding="utf-8")
    rng = random.Random(2024)
    folder = tmp_path / "damaged"
    folder.mkdir()
    for n in range(100):
        (folder / f"110000-{n:03}.yaml").write_text(_mutate(text, rng), encoding="utf-8")
    for fmt in ("text", "github"):
        assert cli("validate", "--format", fmt, folder).code == 1  # cli asserts there is no traceback
    result = cli("validate", "--format", "json", folder)
    assert result.code == 1
    report = result.json()
    assert len(report["files"]) == 100  # every damaged file (the baseline is checked but not counted)
    # Every damaged file is reported (each is at least misnamed).
    assert {Path(d["file"]).name for d in report["diagnostics"]} >= {f"110000-{n:03}.yaml" for n in range(100)}
    coverage = cli("coverage", folder)
    assert coverage.code == 1


def test_the_slip_scan_looks_at_every_line_that_holds_a_slip() -> None:
    """The scan looks only at the lines two searches over the whole text point at: on seeded damage made of the very
    characters it looks for, it finds what looking at every line finds."""
    slip_chars = [*typing_slips.SPACE_LIKE, *typing_slips.BULLETS, *typing_slips.FULL_WIDTH, *typing_slips.CURLY_PAIRS]
    noise = [*slip_chars, *_YAML_NOISE, " #", "key：", "- “x”"]
    rng = random.Random(18004)
    texts = [path.read_text(encoding="utf-8") for path in sorted(POSITIVE.parent.parent.glob("*/*.yaml"))]
    found = 0
    for n in range(400):
        lines = rng.choice(texts).split("\n")
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(lines))
            indent = len(lines[i]) - len(lines[i].lstrip(" "))
            pos = rng.choice([indent, rng.randrange(len(lines[i]) + 1)])  # where bullets and indents matter, or anywhere
            lines[i] = lines[i][:pos] + rng.choice(noise) + lines[i][pos:]
        lines = "\n".join(lines).split("\n")
        slips = list(typing_slips.scan(lines))
        assert slips == list(typing_slips.scan(lines, every_line=True)), f"damaged text {n}"
        found += len(slips)
    assert found > 200  # the damage is of the kind the scan finds


_ODD_DATA: list[object] = [None, True, 0, -1, 10**20, 1.5, "", "x", "2025-02-30", "TODO", [], {}, {"zh": "x"}, ["preschool"], [{"zh": 1}]]


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


def _damage_data(data: dict, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(_paths(data)[1:])
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        op = rng.randrange(3)
        if op == 0 and isinstance(parent, dict):
            del parent[path[-1]]
        elif op == 1 and isinstance(parent, dict):
            parent[rng.choice(["extra", "zh", "en", "values", "eligibility", "revised", "min_age"])] = rng.choice(_ODD_DATA)
        else:
            parent[path[-1]] = rng.choice(_ODD_DATA)
        if not _paths(data)[1:]:
            return


def test_random_wrong_values_in_well_formed_yaml_never_crash(tmp_path, cli, sample_data, write_checklist) -> None:
    # Unlike the textual damage above, this keeps the YAML well-formed, so the schema and the rules behind it run.
    rng = random.Random(903)
    positive = yaml.safe_load(POSITIVE.read_text(encoding="utf-8"))
    for n in range(40):
        data = sample_data("440000") if n % 4 == 0 else copy.deepcopy(positive)
        _damage_data(data, rng)
        write_checklist(data, name="440000.yaml", folder=f"case{n:03}")
    folders = sorted(p for p in tmp_path.iterdir() if p.is_dir())
    report = cli("validate", "--format", "json", *folders).json()
    assert len(report["files"]) == 40
    assert report["errors"] > 0
    cli("coverage", *folders)  # asserts no traceback


def test_diagnostics_are_capped_per_file_with_a_count_of_the_rest(tmp_path, validate_json, cli) -> None:
    # 1,200 placeholders would print a wall of text; the editor sees the first 200 and how many more there are.
    rows = "".join(f'  - name: {{zh: 待补充{n}, en: TODO {n}}}\n    phone: "12345"\n' for n in range(600))
    path = write_bytes(tmp_path, "440000.yaml", (ONE_FIELD + "hotlines:\n" + rows).encode())
    code, diagnostics = validate_json(path)
    assert code == 1
    mine = [d for d in diagnostics if d["file"].endswith("440000.yaml")]
    assert len(mine) == 201
    last = mine[-1]
    assert last["code"] == "report.truncated"
    assert last["level"] == "error"
    more = 1200 + 3 - 200  # two placeholders per hotline and three missing sections, minus those shown
    assert f"and {more} more" in last["message"]["en"], last["message"]
    assert len(cli("validate", path).out) < 200_000
