"""One way to refuse a file: a TaskdocError whose message says why and what to do, in Chinese and English."""

from __future__ import annotations

from typing import NoReturn

from taskdoc.model import TaskdocError


def fail(chinese: str, plain: str) -> NoReturn:
    """Raise TaskdocError with a one-line message: '中文原因。 (plain English: why; what to do)'."""
    raise TaskdocError(f"{chinese}。 ({plain})")


NO_TABLE = (
    "未找到任务表：没有可识别的表头（如 序号/工作任务/牵头单位）",
    "no task table found: no recognisable header "
    "such as 序号 / 工作任务 / 牵头单位 and no numbered tasks with units; check that this is the decomposition table",
)
NO_ROWS = (
    "表格没有任务行",
    "the table has a header but no task rows; check that the whole table was included",
)
