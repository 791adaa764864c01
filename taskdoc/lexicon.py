"""The words of the language that taskdoc recognises: headings, row numbers, page furniture, dates.

All patterns apply to *folded* text (see `normalize.fold`): half-width brackets, colons and digits.
"""

from __future__ import annotations

import re

from taskdoc.normalize import fold, squash

_CN_NUM = "一二三四五六七八九十百零〇"

# Heading levels, outermost first: 第一部分 / 一、 / （一） / 1. / （1）
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^第[{_CN_NUM}]+(部分|章|篇)")),
    (1, re.compile(rf"^[{_CN_NUM}]+\s*[、.]")),
    (2, re.compile(rf"^\(\s*[{_CN_NUM}]+\s*\)")),
    (3, re.compile(r"^\d{1,3}\s*[.、](?!\d)\s*\S")),
    (4, re.compile(r"^\(\s*\d{1,3}\s*\)\s*\S")),
)

_SEQ = re.compile(r"^\s*\(?\s*(\d{1,5})\s*[).、]?\s*$")
_NUMBERED_LINE = re.compile(r"^\s*(?:\(\s*(\d{1,5})\s*\)|(\d{1,5})\s*[.、](?!\d))\s*(\S.*)$", re.DOTALL)


def heading_level(text: str) -> int | None:
    """The level of a heading marker at the start of `text`, or None."""
    folded = fold(text.strip())
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(folded):
            return level
    return None


_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ① … ⑳


_BARE_MARKER = re.compile(
    rf"^(第[{_CN_NUM}]+(部分|章|篇)|[{_CN_NUM}]+\s*[、.]?|\(\s*[{_CN_NUM}]+\s*\)[、.]?)$"
)


def bare_heading_marker(text: str) -> int | None:
    """The level of a cell holding only a heading number ('一', '一、', '（一）', '第一部分'), or None."""
    folded = squash(fold(text))
    if not _BARE_MARKER.match(folded):
        return None
    return heading_level(folded) or 1


def parse_seq(text: str) -> int | None:
    """The row number printed in a 序号 cell: '12', '12.', '（12）', '①'."""
    stripped = text.strip()
    if stripped in _CIRCLED:
        return _CIRCLED[stripped]
    match = _SEQ.match(fold(text))
    return int(match.group(1)) if match else None


def numbered_line(text: str) -> tuple[int, str] | None:
    """A line that starts with an arabic list number ('3.', '3、', '（3）') → (number, rest)."""
    match = _NUMBERED_LINE.match(fold(text))
    if not match:
        return None
    number = int(match.group(1) or match.group(2))
    return number, text[match.start(3) :].strip()


# Page furniture: page numbers, print lines, publication notes, digit garbage.
_FURNITURE = tuple(
    re.compile(p)
    for p in (
        r"^[-—–_~\s]*\d{1,4}[-—–_~\s]*$",  # - 3 -, 3
        r"^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$",
        r"^共\s*\d+\s*页\s*第\s*\d+\s*页$",
        r"^\d+\s*/\s*\d+$",
        r"^(\d{1,4}\s+){1,8}\d{1,4}$",  # stray digit groups
        r"印发$",
        r"^抄送[:：]",
        r"^\(此件.{0,8}\)$",
        r"^page\s*\d+(\s*of\s*\d+)?$",
        # a web page's furniture around the document
        r"^(发布(日期|时间)|信息来源|来源|浏览(次数)?|点击(数|量|率)|阅读(次数)?|索引号|字[体号]|分享到|打印|关闭|当前位置|"
        r"首页\s*>|【\s*(打印|关闭)|扫一扫)",
    )
)


def is_furniture(line: str) -> bool:
    """A line that belongs to the page, not the table: page numbers, print line, digit garbage."""
    folded = fold(line.strip()).lower()
    return bool(folded) and any(p.search(folded) for p in _FURNITURE)


SENTENCE_END = "。；;！!？?"

_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def find_date(text: str) -> tuple[int, int, int] | None:
    match = _DATE.search(fold(text))
    return (int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def find_year(text: str) -> int | None:
    match = _YEAR.search(fold(text))
    return int(match.group(1)) if match else None


_DEADLINE = re.compile(
    r"^((19|20)\d\d\s*年)?\s*(\d{1,2}\s*月)?.{0,6}(底|前|止|内|中旬|上旬|下旬|完成|年度|季度|月|年)$"
    r"|^(长期|持续|全年|年内|常态化|按|每).{0,12}$"
    r"|^(19|20)\d\d[-./]\d{1,2}([-./]\d{1,2})?$"
)


def looks_like_deadline(text: str) -> bool:
    folded = squash(fold(text))
    return bool(folded) and len(folded) <= 20 and bool(_DEADLINE.match(folded))


_FIRST_LEADS = re.compile(r"(第一|首位|首个|第1|排名?第一|排在?首|列第一|排在?前面?的?第一).{0,10}牵头")


def says_first_unit_leads(text: str) -> bool:
    """A note such as '责任单位中排第一位的为牵头单位'."""
    return bool(_FIRST_LEADS.search(squash(fold(text))))


_TABLE_TITLE = re.compile(
    r"(分解表|任务表|清单|台账|一览表|责任表|分工表|分工方案|安排表|计划表|明细表|任务分解|责任分解|分解方案)$"
)


def is_table_title(text: str) -> bool:
    """The title printed above a table ('2025年重点工作任务分解表')."""
    name = squash(fold(text))
    return len(name) <= 70 and bool(_TABLE_TITLE.search(name))
