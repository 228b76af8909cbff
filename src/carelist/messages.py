"""Every message carelist tells an editor, in Chinese and English, keyed by a stable code.

Keeping the wording in one table keeps the two languages side by side and lets tests and docs list every code.
"""

from __future__ import annotations

from dataclasses import dataclass

from carelist.diagnostics import Diagnostic, Level


@dataclass(frozen=True)
class Message:
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""


MESSAGES: dict[str, Message] = {
    # --- reading the file -------------------------------------------------------------------------------------
    "file.missing": Message(
        "找不到文件或目录：{name}",
        "No such file or directory: {name}",
        "检查路径拼写；清单放在 checklists/ 目录下。",
        "Check the path; checklists live in checklists/.",
    ),
    "file.unreadable": Message("无法读取文件：{reason}", "Cannot read the file: {reason}"),
    "file.too_large": Message(
        "文件过大（{size} 字节），上限为 {limit} 字节。",
        "The file is too large ({size} bytes); the limit is {limit} bytes.",
        "一个省份的清单通常不到 200 KB；请检查是否误粘贴了其他内容。",
        "A province's checklist is usually under 200 KB; check nothing else was pasted in.",
    ),
    "file.empty": Message(
        "文件是空的。",
        "The file is empty.",
        "运行 `carelist new 地区代码` 生成一份填好结构的清单。",
        "Run `carelist new CODE` to start from a complete template.",
    ),
    "file.binary": Message(
        "文件含有空字节（NUL），不是文本文件。",
        "The file contains NUL bytes: it is not a text file.",
        "请用文本编辑器另存为 UTF-8 编码的 .yaml 文件。",
        "Save it from a text editor as a UTF-8 .yaml file.",
    ),
    "file.encoding": Message(
        "文件不是 UTF-8 编码（第 {near} 行附近的字节无法识别）。",
        "The file is not UTF-8 (unreadable bytes near line {near}).",
        "在编辑器中选择“另存为”并使用 UTF-8 编码（不要用 GBK/GB2312）。",
        "Use Save As in your editor and choose UTF-8 (not GBK/GB2312).",
    ),
    "file.long_line": Message(
        "这一行太长（{length} 个字符，上限 {limit}）。",
        "This line is too long ({length} characters; the limit is {limit}).",
        "把长文本拆成多行，可用 `>-` 折叠块。",
        "Split long text over several lines, e.g. with a `>-` folded block.",
    ),
    "file.control_char": Message(
        "文本中有不可见的控制字符 {char}。",
        "The text contains an invisible control character {char}.",
        "删除该字符；它通常来自从网页或 Word 复制的内容。",
        "Delete it; it usually comes from text copied from a web page or Word.",
    ),
    "file.name_mismatch": Message(
        "文件名 {name} 与地区代码 {code} 不一致。",
        "The file name {name} does not match the region code {code}.",
        "把文件重命名为 {code}.yaml，或改正 region.code。",
        "Rename the file to {code}.yaml, or correct region.code.",
    ),
    "file.duplicate_region": Message(
        "地区 {code} 已有清单文件 {other}。",
        "Region {code} already has a checklist: {other}.",
        "每个地区只保留一个文件；请合并两份内容。",
        "Keep one file per region; merge the two.",
    ),
    # --- YAML syntax and its traps ----------------------------------------------------------------------------
    "yaml.tab": Message(
        "行首缩进使用了制表符（Tab）。",
        "A tab character is used for indentation.",
        "YAML 只允许用空格缩进；把 Tab 换成两个空格。",
        "YAML allows only spaces for indentation; replace the tab with two spaces.",
    ),
    "yaml.syntax": Message(
        "YAML 格式错误：{problem}",
        "YAML syntax error: {problem}",
        "检查这一行及上一行的缩进、冒号和引号是否成对。",
        "Check the indentation, colons and matching quotes on this line and the one above.",
    ),
    "yaml.colon_in_text": Message(
        "YAML 格式错误：这里不能出现冒号。",
        "YAML syntax error: a colon is not allowed here.",
        "文本中含有“: ”时，请把整段文本放在英文引号中；否则检查这一行的缩进是否与同级字段对齐。",
        "When text contains ': ', put the whole text in double quotes; otherwise check this line is indented like the fields beside it.",
    ),
    "yaml.multiple_documents": Message(
        "一个文件中有多个 YAML 文档（用 --- 分隔）。",
        "The file holds more than one YAML document (separated by ---).",
        "每个文件只写一份清单；删除多余的 --- 及其后的内容，或拆成多个文件。",
        "Write one checklist per file; remove the extra --- section or split it into files.",
    ),
    "yaml.alias": Message(
        "不允许使用锚点或别名（& 和 *）。",
        "Anchors and aliases (& and *) are not allowed.",
        "把内容直接写出来；这样审阅者能看到每一项的全部内容。",
        "Write the content out in full, so reviewers see every entry as it is.",
    ),
    "yaml.tag": Message(
        "不允许使用标签 {tag}。",
        "The tag {tag} is not allowed.",
        "删除以 ! 开头的标签；清单只需要普通文本、数字、true/false 和列表。",
        "Remove tags starting with !; a checklist needs only text, numbers, true/false and lists.",
    ),
    "yaml.complex_key": Message(
        "字段名必须是简单的文字。",
        "A field name must be plain text.",
        "字段名写作 `名称: 值`。",
        "Write fields as `name: value`.",
    ),
    "yaml.duplicate_key": Message(
        "字段 {key} 重复出现（第一次在第 {first} 行）。",
        "The field {key} appears twice (first on line {first}).",
        "删除其中一个；YAML 只会保留最后一个，前面的内容会悄悄丢失。",
        "Remove one of them: YAML would silently keep only the last one and lose the other.",
    ),
    "yaml.too_deep": Message(
        "嵌套层数超过 {limit} 层。",
        "Nesting is deeper than {limit} levels.",
        "清单结构不需要这么深；检查缩进是否错位。",
        "A checklist is never this deep; check the indentation.",
    ),
    "yaml.too_many_nodes": Message(
        "文件中的条目超过 {limit} 个。",
        "The file has more than {limit} entries.",
        "一个省份的清单不需要这么多条目；检查是否误粘贴了内容。",
        "A province's checklist needs far fewer; check nothing was pasted in by mistake.",
    ),
    "yaml.not_mapping": Message(
        "文件顶层必须是“字段: 值”的映射，而不是{found}。",
        "The top level must be a mapping of `field: value`, not {found_en}.",
        "参照 `carelist new` 生成的模板，从 `region:` 开始写。",
        "Follow the template from `carelist new`: start with `region:`.",
    ),
    # --- schema -----------------------------------------------------------------------------------------------
    "schema.required": Message(
        "缺少必填字段 {field}。",
        "The required field {field} is missing.",
        "在这一节中添加 `{field}:`。",
        "Add `{field}:` to this section.",
    ),
    "schema.unknown_field": Message(
        "未知字段 {field}。",
        "Unknown field {field}.",
        "{suggest_zh}",
        "{suggest_en}",
    ),
    "schema.type": Message(
        "{field} 应当是{expected_zh}，这里写的是{found_zh}。",
        "{field} should be {expected_en}, but it is {found_en}.",
        "{fix_zh}",
        "{fix_en}",
    ),
    "schema.enum": Message(
        "{field} 的值 {value} 不在允许范围内。",
        "{value} is not an allowed value for {field}.",
        "可选的值：{allowed}",
        "Allowed values: {allowed}",
    ),
    "schema.pattern": Message("{field} 的格式不对：{value}", "{field} is not in the right form: {value}", "{fix_zh}", "{fix_en}"),
    "schema.too_short": Message(
        "{field} 不能为空。", "{field} must not be empty.", "填写内容，或删除这个字段。", "Fill it in, or remove the field."
    ),
    "schema.too_long": Message(
        "{field} 太长（上限 {limit}）。",
        "{field} is too long (the limit is {limit}).",
        "精简文字，细节可写在 details 中。",
        "Shorten it; put detail in `details`.",
    ),
    "schema.range": Message("{field} 的值 {value} 超出范围（{bounds}）。", "{field} = {value} is out of range ({bounds})."),
    "schema.invalid": Message("{field} 不符合格式要求：{detail}", "{field} is not valid: {detail}"),
    # --- content ----------------------------------------------------------------------------------------------
    "text.html": Message(
        "文本中不允许使用 HTML 标记：{snippet}",
        "HTML markup is not allowed in text: {snippet}",
        "删除 HTML 标记；需要格式时，只在 steps 和 details 中使用 Markdown。",
        "Remove the HTML; for formatting use Markdown, and only in `steps` and `details`.",
    ),
    "text.markdown_not_allowed": Message(
        "这个字段不支持 Markdown 格式：{snippet}",
        "This field does not take Markdown: {snippet}",
        "只在 steps 和 details 中使用 Markdown；这里写纯文本。",
        "Markdown is allowed only in `steps` and `details`; write plain text here.",
    ),
    "text.unsafe_url": Message(
        "不允许使用 {scheme} 链接。",
        "{scheme} links are not allowed.",
        "链接只能以 https:// 或 http:// 开头。",
        "Links must start with https:// or http://.",
    ),
    "text.placeholder": Message(
        "还有未填写的占位内容：{snippet}",
        "A placeholder has not been filled in: {snippet}",
        "把以 TODO 开头的文字替换为本地区的实际内容。",
        "Replace the text starting with TODO with this region's real content.",
    ),
    "text.missing_en": Message(
        "缺少英文译文（网站英文版将显示中文并注明“尚未翻译”）。",
        'No English translation (the English site will show the Chinese with a "not yet translated" notice).',
        "添加 `en:`。",
        "Add `en:`.",
    ),
    "text.http": Message(
        "链接使用了不加密的 http://。",
        "The link uses unencrypted http://.",
        "如果官方网站支持，请改用 https://。",
        "Use https:// if the official site supports it.",
    ),
    # --- meaning ----------------------------------------------------------------------------------------------
    "region.unknown": Message(
        "未知的地区代码 {code}。",
        "Unknown region code {code}.",
        "{suggest_zh}",
        "{suggest_en}",
    ),
    "region.name": Message(
        "地区名称 {name} 与代码 {code}（{expected}）不一致。",
        "The region name {name} does not match code {code} ({expected}).",
        "改为 {expected}。",
        "Write {expected}.",
    ),
    "item.unknown": Message(
        "{id} 不是国家基础清单中的服务项目。",
        "{id} is not an item of the national baseline.",
        "{suggest_zh}",
        "{suggest_en}",
    ),
    "item.local_id_clash": Message(
        "本地服务项目的 id {id} 与国家基础清单项目重名。",
        "The local item id {id} is already a national baseline item.",
        "把它写在 services 下，或给本地项目换一个 id（如加上省份前缀）。",
        "Put it under `services`, or give the local item another id (e.g. with a province prefix).",
    ),
    "item.local_id_duplicate": Message(
        "本地服务项目 id {id} 重复。", "The local item id {id} is used twice.", "每个 id 只能用一次。", "Use each id once."
    ),
    "category.unknown": Message(
        "未知的服务类别 {id}。",
        "Unknown category {id}.",
        "可选的类别：{allowed}",
        "Allowed categories: {allowed}",
    ),
    "situation.unknown": Message(
        "未知的情形 {id}。",
        "Unknown situation {id}.",
        "可选的情形：{allowed}",
        "Allowed situations: {allowed}",
    ),
    "value.unknown": Message(
        "{key} 不是 {item} 的可比较指标。",
        "{key} is not a measured value of {item}.",
        "{suggest_zh}",
        "{suggest_en}",
    ),
    "value.choice": Message(
        "{key} 中的 {value} 不是可选项。",
        "{value} is not an allowed entry of {key}.",
        "可选的值：{allowed}",
        "Allowed values: {allowed}",
    ),
    "date.invalid": Message("{value} 不是有效日期。", "{value} is not a real date.", "日期写作 YYYY-MM-DD。", "Write dates as YYYY-MM-DD."),
    "date.order": Message(
        "生效日期 {effective} 早于发布日期 {published}。",
        "The effective date {effective} is before the publication date {published}.",
        "检查两个日期。",
        "Check both dates.",
    ),
    "eligibility.age_order": Message(
        "最小年龄 {min_age} 不小于年龄上限 {below_age}。",
        "min_age {min_age} is not below below_age {below_age}.",
        "below_age 是“未满多少岁”，应大于 min_age。",
        "below_age means 'younger than'; it must be larger than min_age.",
    ),
    # --- the baseline itself ---------------------------------------------------------------------------------
    "baseline.duplicate_id": Message("id {id} 重复。", "The id {id} is used twice.", "每个 id 只能用一次。", "Use each id once."),
    "baseline.quote_not_found": Message(
        "引文在方案原文中找不到：{snippet}",
        "The quote is not in the plan's text: {snippet}",
        "逐字复制 schema/plan_zh-Hans.txt 中的原文。",
        "Copy the words exactly from schema/plan_zh-Hans.txt.",
    ),
    "baseline.unusable": Message(
        "国家基础清单有错误，无法对照检查各地清单。",
        "The national baseline has errors, so checklists cannot be checked against it.",
        "先修正 schema/baseline.yaml 中报告的错误。",
        "Fix the errors reported in schema/baseline.yaml first.",
    ),
    # --- coverage against the baseline ------------------------------------------------------------------------
    "coverage.missing": Message(
        "缺少国家基础清单项目 {id}（{title_zh}）。",
        "The national baseline item {id} ({title_en}) is missing.",
        "在 services 下添加 `{id}:`；运行 `carelist new` 可看到完整模板。",
        "Add `{id}:` under `services`; `carelist new` shows a complete template.",
    ),
    "coverage.value_missing": Message(
        "没有填写指标 {key}（{label_zh}）。",
        "The measured value {key} ({label_en}) is not given.",
        "在 values 中添加 `{key}: {example}`。",
        "Add `{key}: {example}` under `values`.",
    ),
    "coverage.below": Message(
        "低于国家基础清单：{reason_zh}",
        "Below the national baseline: {reason_en}",
        "清单的覆盖范围和实现程度不得低于国家基础清单（方案第十五条）。",
        "A province's list may not cover less, or less well, than the national baseline (plan paragraph 15).",
    ),
}


def diagnostic(
    code: str,
    file: str,
    /,
    line: int = 0,
    column: int = 0,
    path: str = "",
    level: Level = Level.ERROR,
    **params: object,
) -> Diagnostic:
    """Build a Diagnostic from the message table; params fill the {placeholders} (a message may use {code} too)."""
    m = MESSAGES[code]
    values = {k: str(v) for k, v in params.items()}
    return Diagnostic(
        file=file,
        line=line,
        column=column,
        level=level,
        code=code,
        path=path,
        message_zh=m.zh.format_map(values),
        message_en=m.en.format_map(values),
        hint_zh=m.hint_zh.format_map(values),
        hint_en=m.hint_en.format_map(values),
    )
