"""Refusing a file: a TaskdocError with a code and parameters; its text says why and what to do,
in Chinese and then English. Apps render the code through their own catalogue (see REASONS)."""

from __future__ import annotations

import contextlib
from typing import NoReturn

from taskdoc.model import TaskdocError

# code → (Chinese, English) templates over the error's parameters.
REASONS: dict[str, tuple[str, str]] = {
    "no_table": (
        "未找到任务表：没有可识别的表头（如 序号/工作任务/牵头单位）",
        "no task table found: no recognisable header such as 序号 / 工作任务 / 牵头单位 and no numbered tasks "
        "with units; check that this is the decomposition table",
    ),
    "no_rows": (
        "表格没有任务行",
        "the table has a header but no task rows; check that the whole table was included",
    ),
    "too_deep": ("文件结构过深，无法读取", "the file is nested too deeply to read"),
    "out_of_memory": ("文件过大，内存不足", "the file needs too much memory to read; split it"),
    "not_found": ("找不到文件或无法读取", "cannot open the file {path}; check the path"),
    "empty": ("文件为空", "the file is empty; upload the file that holds the task table"),
    "too_large": (
        "文件过大（{size} MB，上限 {limit} MB）",
        "the file is too large; split it or remove images and upload the table alone",
    ),
    "damaged": ("文件已损坏", "the file is damaged; save it again and re-upload"),
    "zip_bomb": (
        "文件解压后过大，疑似压缩炸弹",
        "the file expands to too much data (zip bomb?); it was not opened",
    ),
}


def describe(code: str, params: dict[str, str]) -> str:
    """One line: '中文原因。 (English: why; what to do)'."""
    if "zh" in params and "en" in params:
        chinese, english = params["zh"], params["en"]
    else:
        chinese, english = REASONS.get(code, ("无法读取文件", "the file cannot be read ({code})"))
        with contextlib.suppress(KeyError, IndexError, ValueError):
            chinese, english = chinese.format(**params), english.format(code=code, **params)
    return " ".join(f"{chinese.rstrip('。')}。 ({english})".split())


def refuse(code: str, **params: object) -> NoReturn:
    """Raise TaskdocError with one of the REASONS."""
    raise TaskdocError(code, {k: str(v) for k, v in params.items()})


def fail(chinese: str, plain: str, *, code: str = "unreadable") -> NoReturn:
    """Raise TaskdocError saying why in both languages: a reason not (yet) in REASONS."""
    raise TaskdocError(code, {"zh": chinese, "en": plain})
