"""Task lists without a table header: numbered task lines whose units are given by labels or prose.

1. 加强……。
牵头单位：区发改局；责任单位：区工信局
2. 推进……（牵头单位：区住建局；配合单位：各镇（街道））
3. 实施……。区农水局牵头，区财政局、各镇（街道）配合。
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from taskdoc.entries import Entry, Heading, RawRow, Table
from taskdoc.header import cell_kind
from taskdoc.lexicon import heading_level, is_furniture, numbered_line, says_first_unit_leads
from taskdoc.model import ColumnRole
from taskdoc.normalize import clean_line, fold, squash, words
from taskdoc.units import is_unit_like, split_units

# Labels, longest first; a label may be printed letter-spaced (责 任 人：).
_LABEL_WORDS = words(
    "牵头负责领导 牵头责任单位 主要责任单位 协同责任单位 牵头单位 牵头部门 责任单位 责任部门 协办单位 协办部门 配合单位 "
    "配合部门 参与单位 承办单位 分管区领导 分管县领导 分管市领导 分管领导 责任领导 牵头领导 联系领导 负责领导 完成时限 "
    "完成时间 时间节点 责任人 工作要求 牵头 配合 协办"
)
_LABEL = re.compile("(" + "|".join(r"\s*".join(word) for word in _LABEL_WORDS) + r")\s*[:]")
_LABEL_KINDS = {"牵头": "lead", "配合": "co", "协办": "co", "责任人": "other", "工作要求": "requirement"}
# A sub-point printed under a task (▲ 增加值可比增长14%左右): detail, not part of the task.
_SUB_POINT = "▲△●○■□◆◇★☆√※"
_LEAD_VERBS = re.compile(r"^(?:由)?(.+?)(?:分别)?(?:牵头负责|牵头落实|牵头|负责落实|负责|主办|主抓)$")
_CO_VERBS = re.compile(r"^(?:由)?(.+?)(?:按职责分工负责|按职责负责|配合落实|共同负责|配合|协办|参与|协助)$")
_CLAUSE_SPLIT = re.compile(r"[，,；;。]")
_OPEN, _CLOSE = "（([【", "）)]】"


@dataclass
class _Item:
    seq: int
    text: str
    labels: list[tuple[str, str]] = field(default_factory=list)
    last_was_label: bool = False
    closed: bool = False  # sub-points followed: later free lines are not the task's
    first_leads: bool = False  # the document said, at or before this task, that the first unit leads


# complexity 11: the parser branch (issue 10) is reworking this loop (sub-points, letter-spaced labels); it is split
# there, where it changes, rather than here in parallel
def parse_labelled(lines: Sequence[str]) -> Table | None:  # noqa: C901
    """A Table from labelled / prose task lines, or None when the lines hold no such tasks."""
    entries: list[Entry | _Item] = []
    before: list[str] = []
    first_leads = False
    started = False
    for line in _logical_lines(lines):
        current = entries[-1] if entries and isinstance(entries[-1], _Item) else None
        if says_first_unit_leads(line):
            first_leads = True
            if current is not None:
                current.first_leads = True
        level = heading_level(line)
        numbered = numbered_line(line)
        if level == _ITEM_LEVEL and _split_units_off(_PAREN_MARKER.sub("", line))[1]:
            entries.append(_item_from_heading(line, first_leads))  # （一）…（牵头单位：…）: a task
            started = True
        elif level is not None and level <= _ITEM_LEVEL:
            entries.append(Heading(line, level))
        elif numbered is not None:
            entries.append(_Item(numbered[0], numbered[1], first_leads=first_leads))
            started = True
        elif _is_unnumbered_task(line, current):
            entries.append(_Item(_next_seq(entries), line, closed=True, first_leads=first_leads))
            started = True
        elif current is not None and line[0] in _SUB_POINT:
            current.last_was_label = False
            current.closed = True
        elif current is None and _LABEL.match(fold(line)) and _last_heading_is_item(entries):
            heading = entries.pop()
            assert isinstance(heading, Heading)
            entries.append(_item_from_heading(heading.text, first_leads))  # （一）… / 牵头单位：…
            entries[-1].labels.extend(_labels(line))  # type: ignore[union-attr]
            entries[-1].last_was_label = True  # type: ignore[union-attr]
            started = True
        elif current is not None and _LABEL.match(fold(line)):
            current.labels.extend(_labels(line))
            current.last_was_label = True
        elif current is not None and current.last_was_label and current.labels:
            role, value = current.labels[-1]
            current.labels[-1] = (role, value + "\n" + line)
        elif current is not None and not current.closed:
            current.text += line
        if not started:
            before.append(line)
    rows = [_finish(e) if isinstance(e, _Item) else e for e in entries]
    if not any(isinstance(r, RawRow) and any(v.strip() for _, v in r.cells) for r in rows):
        return None
    return Table(
        columns=(),
        roles=("seq", "text", "lead_units"),  # only a missing lead unit is a problem in a list
        entries=tuple(rows),
        before=tuple(before),
        first_unit_leads=first_leads,
    )


# A whole list printed on one line: it breaks before a heading, a task number or a label.
_BREAK = re.compile(
    r"\s+(?=(?:[一二三四五六七八九十]+、|\d{1,3}\s*[.、](?!\d)|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|"
    + "|".join(_LABEL_WORDS)
    + r")\s*)"
)
_LONG_LINE = 200


def _logical_lines(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for raw in lines:
        line = clean_line(raw)
        if not line or is_furniture(line):
            continue
        parts = _BREAK.split(line) if len(line) > _LONG_LINE else [line]
        out.extend(part.strip() for part in parts if part.strip())
    return out


_PARAGRAPH_MIN = 15


def _is_unnumbered_task(line: str, current: _Item | None) -> bool:
    """A paragraph without a number that closes with its units ('…。（财政厅牵头）') is a task of its own
    unless it continues a numbered task that has not got its units yet."""
    if (
        len(line) < _PARAGRAPH_MIN
        or _LABEL.match(fold(line))
        or (
            current is not None
            and not current.labels
            and not current.closed
            and not _split_units_off(current.text)[1]
        )
    ):
        return False
    text, labels = _split_units_off(line)
    return bool(labels) and len(text) >= _PARAGRAPH_MIN


_ITEM_LEVEL = 2  # （一）: a heading, or a task when units follow it
_PAREN_MARKER = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*")
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}


def _chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23."""
    if "十" not in text:
        return _CN_VALUES.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (_CN_VALUES.get(tens, 0) if tens else 1) * 10 + (_CN_VALUES.get(ones, 0) if ones else 0)


def _item_from_heading(line: str, first_leads: bool) -> _Item:
    match = _PAREN_MARKER.match(line)
    number = _chinese_number(match.group(1)) if match else None
    return _Item(number or 0, _PAREN_MARKER.sub("", line), first_leads=first_leads)


def _last_heading_is_item(entries: Sequence[Entry | _Item]) -> bool:
    last = entries[-1] if entries else None
    return isinstance(last, Heading) and last.level == _ITEM_LEVEL and bool(_PAREN_MARKER.match(last.text))


def _next_seq(entries: Sequence[Entry | _Item]) -> int:
    previous = next((e.seq for e in reversed(entries) if isinstance(e, _Item)), 0)
    return previous + 1


def _finish(item: _Item) -> Entry:
    """A task with its units; a numbered line that names no unit is a third-level heading."""
    text, labels = _split_units_off(item.text)
    labels = item.labels + labels
    if not labels:
        return Heading(f"{item.seq}.{item.text}" if item.text else str(item.seq), 3)
    kinds = [k for k, _ in labels]
    has_lead = "lead" in kinds
    cells: list[tuple[ColumnRole, str]] = []
    for kind, value in labels:
        if kind == "mark":  # a lead stated in prose: 由市发改委牵头
            cells.append(("lead_units", f"{value}牵头"))
            continue
        role = _role(kind, has_lead)
        if role is not None:
            cells.append((role, value))
    return RawRow(seq=str(item.seq), text=text, cells=tuple(cells), first_leads=item.first_leads)


def _role(kind: str, has_lead: bool) -> ColumnRole | None:
    roles: dict[str, ColumnRole] = {
        "lead": "lead_units",
        "co": "co_units",
        "resp": "co_units" if has_lead else "lead_units",
        "leaders": "leaders",
        "deadline": "deadline",
    }
    return roles.get(kind)


def _labels(text: str) -> list[tuple[str, str]]:
    """'牵头单位：A、B；配合单位：C' → [('lead', 'A、B'), ('co', 'C')]."""
    folded = fold(text)
    found = list(_LABEL.finditer(folded))
    out = []
    for here, after in zip(found, [*found[1:], None], strict=True):
        value = text[here.end() : after.start() if after else len(text)].strip(" ；;，,。.\t")
        label = squash(here.group(1))
        kind = _LABEL_KINDS.get(label) or cell_kind(label)
        if kind == "requirement":
            out.extend(_stated_leads(value))
        elif kind is not None:
            # a unit list ends at the end of its sentence: what follows is progress or comment
            out.append((kind, value.split("。")[0] if kind in ("lead", "co", "resp") else value))
    return out


def _stated_leads(text: str) -> list[tuple[str, str]]:
    """'由市发改委牵头，并负责报进度' in a requirement names the lead unit."""
    for clause in _CLAUSE_SPLIT.split(text):
        match = _LEAD_VERBS.match(clause.strip())
        if match and "牵头" in clause and all(is_unit_like(n) for n in split_units(match.group(1)).names):
            return [("mark", match.group(1))]
    return []


def _split_units_off(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Units given after the task sentence: in brackets, by labels, or as prose ('X牵头，Y配合')."""
    group = _last_bracket_group(text)
    if group is not None:
        start, inner = group
        after_sentence = text[:start].rstrip()[-1:] in "。；;，,.！!？?"
        bare = _bare_units(inner) if after_sentence else []
        labels = _labels(inner) if _LABEL.search(fold(inner)) else _prose(inner) or bare
        if labels:
            return text[:start].rstrip(), labels
    match = _LABEL.search(fold(text))
    if match and match.start() > 0:
        return text[: match.start()].rstrip(" ，,；;"), _labels(text[match.start() :])
    sentences = [s for s in re.split(r"(?<=[。；;])", text) if s.strip()]
    if len(sentences) >= 2:
        labels = _prose(sentences[-1])
        if labels:
            return "".join(sentences[:-1]).rstrip(), labels
    return text, []


def _last_bracket_group(text: str) -> tuple[int, str] | None:
    """(start, content) of a bracketed group closing the text, brackets nested inside allowed."""
    body = text.rstrip(" 。.；;")
    if not body or body[-1] not in _CLOSE:
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        if body[i] in _CLOSE:
            depth += 1
        elif body[i] in _OPEN:
            depth -= 1
            if depth == 0:
                return i, body[i + 1 : -1]
    return None


def _bare_units(text: str) -> list[tuple[str, str]]:
    """Units in parentheses without a label: （区发改局、区自然资源局）. They are all responsible."""
    names = split_units(text).names
    return [("resp", text)] if names and all(is_unit_like(n) for n in names) else []


def _prose(text: str) -> list[tuple[str, str]]:
    """'区发改局牵头，区工信局、各镇（街道）配合' → [('lead', …), ('co', …)]; [] unless every clause fits."""
    out: list[tuple[str, str]] = []
    for clause in (c.strip() for c in _CLAUSE_SPLIT.split(text)):
        if not clause:
            continue
        lead, co = _LEAD_VERBS.match(clause), _CO_VERBS.match(clause)
        kind, match = ("co", co) if co else ("lead", lead)
        if match is None:
            return []
        names = split_units(match.group(1)).names
        if not names or not all(is_unit_like(n) for n in names):
            return []
        out.append(("lead!" if kind == "lead" and "牵头" in clause else kind, match.group(1)))
    # beside a unit that 牵头 (leads), one that is only 负责 (responsible) works with it
    leads_named = any(kind == "lead!" for kind, _ in out)
    return [
        ("lead" if kind == "lead!" else "co" if leads_named and kind == "lead" else kind, v)
        for kind, v in out
    ]
