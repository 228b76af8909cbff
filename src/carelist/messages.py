"""Every message carelist tells an editor, in Chinese and English, keyed by a stable code.

Keeping the wording in one table keeps the two languages side by side and lets tests and docs list every code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from carelist.diagnostics import Diagnostic, Level, PathKey, format_path

# Enough to show every kind of mistake in a file without flooding a terminal or a pull request.
MAX_PER_FILE = 200


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
    "file.not_checklist": Message(
        "{name} 不会被当作清单读取：清单文件名必须以小写的 .yaml 结尾。",
        "{name} is not read as a checklist: a checklist's name must end in lower-case .yaml.",
        "把文件重命名为 {right}（不是清单的文件请移出 checklists/ 目录）。",
        "Rename it to {right} (move files that are not checklists out of checklists/).",
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
        "YAML 格式错误：{problem_zh}",
        "YAML syntax error: {problem_en}",
        "检查这一行及上一行的缩进、冒号和引号是否成对。",
        "Check the indentation, colons and matching quotes on this line and the one above.",
    ),
    "yaml.colon_in_text": Message(
        "YAML 格式错误：这里不能出现冒号。",
        "YAML syntax error: a colon is not allowed here.",
        "文本中含有“: ”时，请把整段文本放在英文引号中；否则检查这一行的缩进是否与同级字段对齐。",
        "When text contains ': ', put the whole text in double quotes; otherwise check this line is indented like the fields beside it.",
    ),
    "yaml.indent_char": Message(
        "缩进中有{name_zh}（{codepoint}），YAML 只认英文空格。",
        "The indentation holds {name_en} ({codepoint}); YAML accepts only ASCII spaces.",
        "删除这一行开头的空白，再用英文空格重新缩进（输入法切换到英文或半角）。",
        "Delete the blank at the start of the line and indent again with ordinary spaces (half-width input).",
    ),
    "yaml.key_char": Message(
        "字段名 {key} 中有{name_zh}（{codepoint}）。",
        "The field name {key} contains {name_en} ({codepoint}).",
        "删除字段名中的这个字符，重新输入 `{key}:`。",
        "Delete that character and type `{key}:` again.",
    ),
    "yaml.fullwidth_colon": Message(
        "字段名 {key} 后面用了全角冒号 {char}（{codepoint}）。",
        "A full-width colon {char} ({codepoint}) follows the field name {key}.",
        "请改成英文冒号加空格：`{key}: `（切换到英文输入法再输入冒号）。",
        "Type an ASCII colon and a space instead: `{key}: ` (switch the keyboard to English).",
    ),
    "yaml.fullwidth_comma": Message(
        "花括号或方括号中的两项之间用了全角逗号 {char}（{codepoint}）。",
        "A full-width comma {char} ({codepoint}) separates two entries inside braces or brackets.",
        "请改成英文逗号加空格 `, `。",
        "Type an ASCII comma and a space `, ` instead.",
    ),
    "yaml.bullet": Message(
        "行首的{name_zh} {char}（{codepoint}）不是 YAML 的列表符号。",
        "{name_en} {char} ({codepoint}) at the start of the line is not a YAML list marker.",
        "列表的每一项以英文减号加空格 `- ` 开头；这个符号多半是从 Word 复制来的。",
        "Start each list entry with an ASCII hyphen and a space `- `; this mark was probably pasted from Word.",
    ),
    "yaml.unclosed_quote": Message(
        "这里开始的引号 {char} 在本行没有闭合，后面几行都会被当成这段文字。",
        "The quote {char} opened here is not closed on this line, so the lines after it are read as part of the text.",
        "在文本末尾补上 {char}，或者删除这个引号。",
        "Add the closing {char} at the end of the text, or remove this quote.",
    ),
    "yaml.curly_quotes": Message(
        "值两边是中文引号 {open}…{close}，YAML 不把它们当作引号，会原样保留：{inner}",
        "The value is wrapped in typographic quotes {open}…{close}, which YAML keeps as part of the value: {inner}",
        '改用英文双引号，如 "{inner}"。',
        'Use ASCII double quotes instead, e.g. "{inner}".',
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
        "还有未填写的占位内容 {found}：{snippet}",
        "A placeholder ({found}) has not been filled in: {snippet}",
        "把 {found} 及其所在的文字替换为本地区的实际内容。",
        "Replace {found} and the text around it with this region's real content.",
    ),
    "text.curly_quoted": Message(
        "整段文字被引号 {open}…{close} 包住，网站上会显示这对引号。",
        "The whole text is wrapped in the quotes {open}…{close}, which the site will show.",
        "不需要引号就删除它们；YAML 的引号是英文引号 \" 或 '。",
        "Remove them if they are not wanted; YAML's own quotes are the ASCII \" and '.",
    ),
    "text.hash_comment": Message(
        "“ #”之后的内容是 YAML 注释，不会保存：保存下来的只有“{kept}”，丢掉了“{lost}”。",
        'Everything after " #" is a YAML comment and is dropped: only "{kept}" is kept, "{lost}" is lost.',
        '把整段文字放在英文双引号中，如 "{kept} {lost}"。',
        'Put the whole text in ASCII double quotes, e.g. "{kept} {lost}".',
    ),
    "text.bidi": Message(
        "文本中有双向控制字符 {char}，它会让文字显示的顺序与实际内容不同。",
        "The text contains a bidirectional control character {char}, which makes text display in another order than it reads.",
        "删除该字符；中文和英文都不需要它。",
        "Delete it; neither Chinese nor English text needs it.",
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
    "report.truncated": Message(
        "……另有 {more} 个问题未列出（每个文件最多列出 {limit} 个）。",
        "... and {more} more problems not listed (at most {limit} are listed per file).",
        "先改正上面列出的问题，再运行一次 carelist validate。",
        "Fix the problems above, then run carelist validate again.",
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
    "date.scaffold": Message(
        "{value} 是 carelist new 生成模板时填的日期，还没有改成实际日期。",
        "{value} is the date carelist new wrote into the template; it has not been changed to the real date.",
        "填上文件的实际日期，并删除这一行的 `# carelist new` 注释。",
        "Write the document's real date, and delete the `# carelist new` comment on this line.",
    ),
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
    return diagnostic_with(code, file, line, column, path, level, params)


def diagnostic_with(code: str, file: str, line: int, column: int, path: str, level: Level, params: Mapping[str, object]) -> Diagnostic:
    """diagnostic(), with the parameters as one mapping (as typing_slips and the reader's refusals carry them)."""
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


class Locator(Protocol):
    def where(self, path: PathKey, *, key: bool = False) -> tuple[int, int]: ...


@dataclass
class Sink:
    """One file's diagnostics: report(code, path, **params) locates each in the document and builds it from the table.

    It keeps at most `limit` (the first by line); the rest are counted and summed up in one closing line.
    """

    file: str
    doc: Locator | None = None
    limit: int = MAX_PER_FILE
    found: list[Diagnostic] = field(default_factory=list)
    overflow: int = 0

    def report(
        self,
        code: str,
        path: PathKey = (),
        /,
        *,
        at_key: bool = False,
        level: Level = Level.ERROR,
        line: int | None = None,
        column: int | None = None,
        **params: object,
    ) -> None:
        if len(self.found) >= self.limit * 5:  # a 180k-node file: count, do not build, what will never be shown
            self.overflow += 1
            return
        if line is None:
            line, column = self.doc.where(path, key=at_key) if self.doc else (0, 0)
        self.found.append(diagnostic(code, self.file, line, column or 0, format_path(path), level=level, **params))

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.found.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return self.overflow > 0 or any(d.level is Level.ERROR for d in self.found)

    def diagnostics(self) -> list[Diagnostic]:
        """The first `limit` diagnostics by position, and an "and N more" line when there were more."""
        ordered = sorted(set(self.found))
        more = len(ordered) - self.limit + self.overflow
        if more <= 0:
            return ordered
        kept = ordered[: self.limit]
        line, column = (kept[-1].line, kept[-1].column + 1) if kept else (0, 0)  # sorts right after the last one shown
        return [*kept, diagnostic("report.truncated", self.file, line, column, more=more, limit=self.limit)]


# libyaml's problems, matched by a phrase of the message (libyaml's and PyYAML's wordings differ a little), first match.
_PROBLEMS: list[tuple[tuple[str, ...], str, str]] = [
    (
        ("end of stream",),
        "文件在引号、括号或 | > 文本块闭合之前就结束了。",
        "The file ends before a quote, a bracket or a | > block is closed.",
    ),
    (("expected ':'",), "这一行的字段名后缺少英文冒号 :。", "The field name on this line lacks its ASCII colon ':'."),
    (
        ("cannot start any token",),
        "这个字符不能用在值的开头（如制表符、@ 或 `）；以它开头的文字请加英文引号。",
        "This character cannot start a value (e.g. a tab, @ or `); put text that starts with it in quotes.",
    ),
    (
        ("block sequence entries are not allowed",),
        "这里不能开始以 - 开头的列表：检查这一行的缩进。",
        "A list entry (-) cannot start here: check this line's indentation.",
    ),
    (("mapping keys are not allowed",), "这里不能出现以 ? 开头的字段名。", "A '?' key is not allowed here."),
    (
        ("tab character",),
        "这里的 Tab 字符破坏了缩进；YAML 只认空格。",
        "A tab character breaks the indentation here; YAML takes only spaces.",
    ),
    (
        ("comment or line break", "comment or a line break", "whitespace or line break"),
        "值的后面还有多余的内容；需要时把整段文字放在引号中。",
        "There is more after the value on this line; put the whole text in quotes if it belongs together.",
    ),
    (("indentation indicator",), "| 或 > 后面的缩进数字不能是 0。", "The indentation number after | or > cannot be 0."),
    (
        ("escape", "hexdecimal", "hexadecimal"),
        "双引号中的反斜杠 \\ 后面跟了无效的转义；反斜杠要写作 \\\\，或改用单引号。",
        "A backslash in double quotes starts an invalid escape; write \\\\ for a backslash, or use single quotes.",
    ),
    (
        ("document indicator", "document separator", "document start"),
        "行首的 --- 或 ... 是 YAML 的文档分隔符；文字中出现时请加引号。",
        "--- or ... at the start of a line separates YAML documents; quote text that contains it.",
    ),
    (
        ("alphabetic or numeric",),
        "& 或 * 后面需要名称；以 & 或 * 开头的文字请加英文引号。",
        "& or * must be followed by a name; put text that starts with & or * in quotes.",
    ),
    (("tag", "'!'", "'>'", "uri escape", "expected uri"), "以 ! 开头的值要加英文引号。", "Put a value that starts with ! in quotes."),
    (
        ("directive", "version"),
        "以 % 开头的行是 YAML 指令；以 % 开头的文字请加引号。",
        "A line starting with % is a YAML directive; quote text that starts with %.",
    ),
    (
        ("node content",),
        "这里缺少值，或值以不能开头的字符（如 , ] }）开头。",
        "A value is missing here, or starts with a character that cannot start one (such as , ] or }).",
    ),
    (
        ("expected key", "<block end>", "expected '-' indicator"),
        "这一行的缩进与上面同级的字段对不齐（或上一行的引号没有闭合）。",
        "This line is not indented like the fields above it (or a quote on a line above is not closed).",
    ),
    (
        ("',' or ']'",),
        "方括号 [ ] 没有闭合，或两项之间缺少英文逗号 ,。",
        "A [ ] list is not closed, or two entries lack the ASCII comma ',' between them.",
    ),
    (
        ("',' or '}'",),
        "花括号 { } 没有闭合，或两项之间缺少英文逗号 ,。",
        "A { } is not closed, or two entries lack the ASCII comma ',' between them.",
    ),
    (("unclosed '['", "unclosed '{'"), "方括号或花括号没有闭合，或缩进不对。", "A [ or { is not closed, or the indentation is wrong."),
    (
        ("utf-8", "unicode", "control characters", "special characters", "unacceptable character"),
        "文件中有无法识别的字符。",
        "The file contains a character YAML cannot read.",
    ),
]


def translate_problem(problem: str) -> tuple[str, str]:
    """libyaml's English problem as (Chinese, English): never English inside the Chinese message."""
    lowered = problem.lower()
    for phrases, zh, en in _PROBLEMS:
        if any(p.lower() in lowered for p in phrases):
            return zh, f"{en} (libyaml: {problem})"
    return "文件不符合 YAML 格式。", f"The file is not valid YAML (libyaml: {problem})."
