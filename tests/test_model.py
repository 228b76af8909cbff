"""The model's own rules for text, beyond what the schema says."""

from __future__ import annotations

import pytest
import yaml

from carelist.model import Text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("zh: >-\n  持居住证的\n  流动儿童\n", "持居住证的流动儿童"),  # a folded block joins its lines with a space
        ("zh: >-\n  持居住证，\n\n  可申请。\n", "持居住证，可申请。"),  # a blank line in it is a line break
        ("zh: 拨打 12345 热线\n", "拨打 12345 热线"),  # spaces next to digits or Latin letters stay
        ("zh: 每周 一次\n", "每周一次"),
        ("zh: 持居住证的流动儿童\n", "持居住证的流动儿童"),
    ],
)
def test_chinese_lines_are_joined_without_a_space(written: str, read: str) -> None:
    assert Text.of(yaml.safe_load(written)).zh == read


def test_english_keeps_its_spaces() -> None:
    assert Text.of({"zh": "流动 儿童", "en": "mobile  children"}) == Text(zh="流动儿童", en="mobile  children")
