"""The table header: which printed header means which column role.

Roles come from the header's words, never from its position: 责任单位 is the lead column when the
table has no 牵头 column and the co-unit column when it has one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from taskdoc.lexicon import heading_level
from taskdoc.model import ColumnRole
from taskdoc.normalize import clean_line, fold, squash, words

# The raw kind of one header cell, before 责任单位 is resolved against its neighbours.
_SEQ_WORDS = re.compile(r"^(序号|编号|序|号|序列号|顺序号|no\.?|#)$")
_LEADER_WORDS = ("领导", "责任人", "负责人")
_DEADLINE_WORDS = (
    "时限",
    "时间节点",
    "完成时间",
    "截止时间",
    "时间要求",
    "完成期限",
    "办结时间",
    "完成时间节点",
)
_CO_WORDS = ("协办", "配合", "参与", "协同", "协助", "参加")
_LEAD_WORDS = ("牵头", "主要责任", "主办", "主责", "主抓")
_UNIT_WORDS = ("单位", "部门", "责任主体", "承办", "科室")
# Columns beside the task that taskdoc does not read: progress, remarks, sources of data, scores, owners.
_OTHER_WORDS = (
    "进展",
    "进度",
    "情况",
    "备注",
    "来源",
    "分值",
    "评分",
    "业主",
    "说明",
    "依据",
    "标准",
    "数量",
    "完成率",
    "实施单位",
)
_TEXT_WORDS = ("任务", "工作", "内容", "目标", "事项", "措施", "举措", "项目", "指标", "实事", "要点")

_SPECIFIC_WORDS = ("具体", "细化", "分解")
_TARGET_WORDS = ("目标", "指标")

_MAX_HEADER_LEN = 16

# Header words for splitting a header printed on one line without separators.
_KNOWN_HEADERS = words(
    "序号 编号 具体目标任务 具体工作任务 具体任务 目标任务 工作任务 重点工作 任务内容 主要任务 工作内容 重点任务 "
    "工作措施 主要内容 工作目标 牵头单位 牵头责任单位 主要责任单位 牵头部门 责任单位 责任部门 协办单位 配合单位 "
    "参与单位 协同责任单位 配合部门 协办部门 分管领导 责任领导 牵头领导 分管区领导 分管县领导 分管市领导 联系领导 "
    "完成时限 时间节点 完成时间 备注"
)
_KNOWN_HEADER_RE = re.compile("|".join(sorted(_KNOWN_HEADERS, key=len, reverse=True)))


def cell_kind(header: str) -> str | None:
    """'seq', 'text', 'lead', 'co', 'resp' (责任单位, resolved later), 'leaders', 'deadline' or None."""
    name = squash(fold(header)).lower()
    name = re.sub(r"[(\[（【].*?[)\]）】]", "", name)  # 责任单位（排第一的为牵头单位）
    if not name or len(name) > _MAX_HEADER_LEN or heading_level(name) is not None:
        return None  # '一、项目建设' is a section, however short
    if _SEQ_WORDS.match(name):
        return "seq"
    if any(w in name for w in _OTHER_WORDS):
        return "other"
    if any(w in name for w in _LEADER_WORDS):
        return "leaders"
    if any(w in name for w in _DEADLINE_WORDS):
        return "deadline"
    if any(w in name for w in _CO_WORDS):
        return "co"
    if any(w in name for w in _LEAD_WORDS):
        return "lead"
    if any(w in name for w in _UNIT_WORDS) or name.endswith("责任"):
        return "resp"
    if any(w in name for w in _TEXT_WORDS):
        return "text"
    return None


@dataclass(frozen=True)
class Header:
    """The printed headers and, for each column, its role (None for columns taskdoc does not use)."""

    columns: tuple[str, ...]
    roles: tuple[ColumnRole | None, ...]

    def index_of(self, role: ColumnRole) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    @property
    def column_roles(self) -> dict[str, ColumnRole]:
        return {c: r for c, r in zip(self.columns, self.roles, strict=True) if r is not None}

    def has(self, role: ColumnRole) -> bool:
        return role in self.roles


def resolve(columns: Sequence[str]) -> Header | None:
    """A Header when these cells read as a task table's header, else None."""
    names = tuple(clean_line(squash(c)) for c in columns)
    kinds = [cell_kind(c) if c else None for c in names]
    present = [n for n in names if n]
    known = [k for k in kinds if k and k != "other"]
    present = [n for n, k in zip(names, kinds, strict=True) if n and k != "other"]
    if len(present) < 2 or "text" not in kinds or len(known) < max(2, (len(present) + 1) // 2):
        return None
    if not ({"lead", "co", "resp", "leaders", "seq"} & set(known)):
        return None
    has_lead = "lead" in kinds
    roles: list[ColumnRole | None] = []
    for kind in kinds:
        roles.append(_role_of(kind, has_lead))
    return Header(names, tuple(_one_task_column(names, roles)))


def _one_task_column(names: Sequence[str], roles: list[ColumnRole | None]) -> list[ColumnRole | None]:
    """With two task-like columns (重点工作 | 具体任务) the task is the specific one, else the last;
    a task-like column before it groups the rows, one after it (工作目标) is not read."""
    texts = [i for i, role in enumerate(roles) if role == "text"]
    duties = [i for i, role in enumerate(roles) if role in ("lead_units", "co_units", "leaders")]
    if duties and len(texts) >= 2 and texts[0] < duties[0]:
        # a task-like column after the units (攻坚目标, 工作措施) details the task; it is not read
        roles = [None if i in texts and i > duties[0] else r for i, r in enumerate(roles)]
        texts = [i for i in texts if i < duties[0]]
    if len(texts) < 2:
        return roles
    specific = [i for i in texts if any(w in fold(names[i]) for w in _SPECIFIC_WORDS)]
    # a target column (目标任务, 指标) beside one that names the work (项目名称) gives the target, not the task
    named = [i for i in texts if not any(w in fold(names[i]) for w in _TARGET_WORDS)]
    if specific:
        task = specific[0]
    elif named and len(named) < len(texts):
        task = named[-1]
        roles = [None if i in texts and i not in named else r for i, r in enumerate(roles)]
        texts = named
    else:
        task = texts[-1]
    return [("group" if i < task else None) if i in texts and i != task else r for i, r in enumerate(roles)]


def _role_of(kind: str | None, has_lead: bool) -> ColumnRole | None:
    if kind == "seq":
        return "seq"
    if kind == "text":
        return "text"
    if kind == "lead":
        return "lead_units"
    if kind == "co":
        return "co_units"
    if kind == "resp":
        return "co_units" if has_lead else "lead_units"
    if kind == "leaders":
        return "leaders"
    if kind == "deadline":
        return "deadline"
    return None


def combine_rows(top: Sequence[str], bottom: Sequence[str]) -> list[str]:
    """Join a header printed over two rows, column by column.

    A word split over the lines (牵头 / 单位) is joined; a group header spanning several columns
    (责任单位 over 牵头单位 | 配合单位, printed merged or followed by an empty top cell) gives way to
    the words below it.
    """
    width = max(len(top), len(bottom))
    top = [*top, *[""] * (width - len(top))]
    bottom = [*bottom, *[""] * (width - len(bottom))]
    out = []
    for i, (a, b) in enumerate(zip(top, bottom, strict=True)):
        a, b = squash(a), squash(b)
        spans = a and (
            (i > 0 and squash(top[i - 1]) == a)
            or (i + 1 < width and squash(top[i + 1]) in (a, "") and squash(bottom[i + 1]) != "")
        )
        if not b or a == b:
            out.append(a)
        elif not a or spans:
            out.append(b)
        elif _KNOWN_HEADER_RE.fullmatch(a + b) or len(a) <= 2 or len(b) <= 2:
            out.append(a + b)
        else:
            out.append(b)
    return out


def is_header_word(text: str) -> bool:
    """A header on its own (a line or cell of a header printed one word per line): short and known."""
    name = squash(fold(text))
    return bool(_KNOWN_HEADER_RE.fullmatch(name)) or (len(name) <= 6 and cell_kind(name) is not None)


def split_header_line(line: str) -> list[str] | None:
    """The header words of a header printed on one line ('序号 工 作 任 务 牵头单位 …')."""
    tokens = line.split()
    if len(tokens) >= 2 and all(is_header_word(t) for t in tokens):
        return tokens
    whole = squash(fold(line))
    found = _KNOWN_HEADER_RE.findall(whole)
    if len(found) >= 2 and "".join(found) == whole:
        return found
    merged = _merge_single_chars(tokens)
    if len(merged) >= 2 and all(is_header_word(t) for t in merged):
        return merged
    return None


def _merge_single_chars(tokens: Sequence[str]) -> list[str]:
    out: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1:
            run += token
            continue
        if run:
            out.append(run)
            run = ""
        out.append(token)
    if run:
        out.append(run)
    return out


# Words that end a header cell and never start one: a cell wrapped over two lines (责任 / 领导) leaves
# one of them on a line of its own.
_TAIL_WORDS = frozenset(words("任务 领导 单位 部门 科室 时限 时间 情况 内容 进度 节点 事项 要求"))


def join_header_fragments(cells: Sequence[str]) -> list[str]:
    """Join a header cell printed over two lines back together: 责任 / 领导 → 责任领导."""
    out: list[str] = []
    for cell in cells:
        name = squash(fold(cell))
        if (
            out
            and name in _TAIL_WORDS
            and not _SEQ_WORDS.match(squash(out[-1]))
            and len(squash(out[-1])) <= 4
        ):
            out[-1] = out[-1] + "\n\n" + cell
        else:
            out.append(cell)
    return out
