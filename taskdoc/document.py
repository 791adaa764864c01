"""The document around the table: issuer, document number, title, date, year and region."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from taskdoc.lexicon import find_date, find_year, heading_level, is_furniture, numbered_line
from taskdoc.model import DocumentInfo
from taskdoc.normalize import clean_line, fold, squash

_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*\d{1,4}\s*号"
)
_DOC_TYPES = (
    "通知",
    "意见",
    "方案",
    "决定",
    "通报",
    "函",
    "报告",
    "批复",
    "办法",
    "规定",
    "清单",
    "分解表",
    "任务表",
)
_TABLE_TITLE = re.compile(r"(分解表|任务表|清单|台账|一览表|责任表|分工表|分工方案|安排表|计划表|明细表)$")
_DATE_ONLY = re.compile(r"^\s*(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_PRINT_LINE = re.compile(r"(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发")
_ORG_END = re.compile(
    r"(人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|管委会|领导小组|指挥部|党委|政府|局|委)$"
)
_REGION = re.compile(
    r"^(.{2,}?(?:自治县|自治州|新区|省|市|区|县|旗|州|盟))(?:人民政府|政府|委员会|党委|党工委|人大|政协|办公|管委)"
)
_ADMIN = re.compile(r"[\u4e00-\u9fff]+?(?:自治县|自治州|新区|省|市|区|县|旗|州|盟)")
# Units named after the place they serve: branches of vertically managed agencies (鲤城生态环境局, 交警鲤城大队).
_PLACE_BRANCH = re.compile(
    r"^([\u4e00-\u9fff]{2,3}?)(生态环境局|生态环境分局|公安分局|公安局|消防救援大队|消防救援支队|税务局|"
    r"市场监督管理局|供电公司|供电局|海关|人民法院|人民检察院|气象局|自然资源分局|交警大队)$"
    r"|^交警([\u4e00-\u9fff]{2,3})大队$"
)
_LEVEL_PREFIX = ("区", "县", "市", "旗")
_NOT_PLACES = ("年度", "全", "本", "各", "该", "我")
_YEAR = re.compile(r"(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年度?")


def document_info(
    before: Sequence[str],
    after: Sequence[str],
    units: Iterable[str],
    *,
    region: str | None,
    year: int | None,
) -> DocumentInfo:
    lines = [clean_line(line) for line in before if clean_line(line)]
    trailer = [clean_line(line) for line in after if clean_line(line)]
    title = _notice_title(lines) or _table_title(lines)
    issuer, signed = _signature(lines) or _signature(trailer) or (None, None)
    if issuer is None:
        issuer = _issuer_from_title(title) or _letterhead(lines)
    when = signed or _print_date(lines + trailer)
    found_year = year or _year_of(title, lines)
    found_region = region or _region_of(issuer) or _region_of(title) or _region_from_units(units)
    return DocumentInfo(
        issuer=issuer,
        doc_number=_doc_number(lines),
        title=title,
        date=when,
        year=found_year,
        region=found_region,
    )


def _doc_number(lines: Sequence[str]) -> str | None:
    for line in lines[:40]:
        match = _DOC_NUMBER.search(line)
        if match:
            return match.group(0).strip()
    return None


def _notice_title(lines: Sequence[str]) -> str | None:
    for i, line in enumerate(lines[:40]):
        if "关于" not in fold(line) or len(line) > 90 or line[-1] in "。；;，,":
            continue
        title = line
        for more in lines[i + 1 : i + 3]:
            if title.endswith(_DOC_TYPES) or len(more) > 60 or more[-1] in "。；;：:":
                break
            title += more
        if squash(fold(title)).endswith(_DOC_TYPES):
            return title
    return None


def _table_title(lines: Sequence[str]) -> str | None:
    for line in reversed(lines[-8:]):
        text = squash(fold(line))
        if _TABLE_TITLE.search(text) and len(text) <= 70 and not text.startswith("附件:"):
            return line
    for line in reversed(lines[-4:]):
        text = squash(line)
        if 6 <= len(text) <= 60 and not re.match(r"^附件\d*$", text) and not _is_marked(line):
            return line
    return None


def _is_marked(line: str) -> bool:
    return is_furniture(line) or heading_level(line) is not None or numbered_line(line) is not None


def _signature(lines: Sequence[str]) -> tuple[str, date] | None:
    """The signing office: an organisation's name on the line just before a date on its own."""
    for i in range(1, len(lines)):
        if not _DATE_ONLY.match(fold(lines[i])):
            continue
        org = lines[i - 1]
        when = _as_date(lines[i])
        if when and len(org) <= 40 and _ORG_END.search(squash(fold(org))):
            return org, when
    return None


def _as_date(text: str) -> date | None:
    found = find_date(text)
    if not found:
        return None
    try:
        return date(*found)
    except ValueError:
        return None


def _print_date(lines: Sequence[str]) -> date | None:
    for line in lines:
        if _PRINT_LINE.search(fold(line)):
            return _as_date(line)
    return None


def _issuer_from_title(title: str | None) -> str | None:
    if title and "关于" in fold(title):
        org = title[: fold(title).index("关于")].strip()
        if org and _ORG_END.search(squash(fold(org))):
            return org
    return None


def _letterhead(lines: Sequence[str]) -> str | None:
    for line in lines[:6]:
        text = squash(line)
        if text.endswith("文件") and _ORG_END.search(text[:-2]):
            return text[:-2]
    return None


def _year_of(title: str | None, lines: Sequence[str]) -> int | None:
    if title:
        found = find_year(title)
        if found:
            return found
    for line in lines:
        if _TABLE_TITLE.search(squash(fold(line))):
            found = find_year(line)
            if found:
                return found
    return None


def _region_of(name: str | None) -> str | None:
    if not name:
        return None
    # "2026年区政府工作报告…" names no place: a year before the level word is not part of a name.
    match = _REGION.match(_YEAR.sub("", squash(name)))
    if not match or any(word in fold(match.group(1)) for word in ("政府", "办公", "关于", "印发")):
        return None  # the place name ended before the office's name (某市人民政府办公室关于印发…市政府…)
    parts = [p for p in _ADMIN.findall(match.group(1)) if not p.startswith(_NOT_PLACES)]
    return parts[-1] if parts else None


def _region_from_units(units: Iterable[str]) -> str | None:
    """A place name shared by branches of vertically managed agencies, with the level most units carry."""
    places: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    for unit in units:
        folded = fold(unit)
        match = _PLACE_BRANCH.match(folded)
        if match:
            places[match.group(1) or match.group(3)] += 1
        if folded.startswith(_LEVEL_PREFIX) and len(folded) > 2:
            levels[folded[0]] += 1
    if not places or not levels:
        return None
    place, count = places.most_common(1)[0]
    return place + levels.most_common(1)[0][0] if count >= 2 else None
