"""Unit names misread by OCR, put right from the standard names of departments and from the document.

Tesseract's chi_sim drops, adds or swaps a character in a short name often enough to spoil a unit
cell ('工信和局' for 工信局, '丽务局' for 商务局, '区经发科' for 园区经发科), and each reading of the same
name errs differently. A line of a cell that looks like a unit's name and is not a standard one is
replaced by the one name a single character away: a standard department name of a county, district or
city government (with its 区/县/市 prefix kept), or else a name read at least twice as often elsewhere
in the same document. Standard names are never changed (民政局 stays beside a frequent 财政局), nor is a
line with two candidates at that distance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from taskdoc.grid import Item
from taskdoc.normalize import words

STANDARD = frozenset(
    words(
        """
    发改局 发展和改革局 工信局 工业和信息化局 商务局 财政局 教育局 科技局 民政局 司法局 公安局 公安分局
    人社局 人力资源和社会保障局 住建局 住房和城乡建设局 交通运输局 交通局 农业农村局 农水局 农业局 水利局
    文旅局 文体旅游局 文化和旅游局 卫健局 卫生健康局 应急局 应急管理局 市场监管局 市场监督管理局
    统计局 医保局 医保分局 自然资源局 自然资源分局 生态环境局 生态环境分局 城管局 城管和执法局 执法局
    退役军人事务局 审计局 税务局 信访局 数据局 林业局 体育局 气象局 档案局 人防办 金融办 招商办 政府办
    国资办 效能办 侨办 台办 外办 区委办 县委办 市委办 组织部 宣传部 统战部 政法委 编办 纪委监委
    区纪委监委 区委组织部 区委宣传部 区委统战部 区委政法委 区委编办 区委人才办 人才办 团区委 团县委
    总工会 妇联 残联 科协 工商联 红十字会 融媒体中心 行政服务中心 消防救援大队 供电公司 税务分局
    """
    )
)
_PREFIXES = ("区", "县", "市")
_LONGEST = 20


def correct_units(items: Sequence[Item]) -> tuple[list[Item], dict[str, str]]:
    """The items with misread unit lines corrected, and the corrections made (misread → name)."""
    from taskdoc.units import is_unit_like

    counts = Counter(
        line
        for item in items
        if isinstance(item, tuple)
        for cell in item
        for line in cell.split("\n")
        if 3 <= len(line) <= _LONGEST and is_unit_like(line)
    )
    fixes = {line: name for line in counts if (name := _correction(line, counts)) is not None}
    if not fixes:
        return list(items), {}
    out: list[Item] = [
        tuple("\n".join(fixes.get(line, line) for line in cell.split("\n")) for cell in item)
        if isinstance(item, tuple)
        else item
        for item in items
    ]
    return out, fixes


def _correction(line: str, counts: Counter[str]) -> str | None:
    prefix, stem = _split(line)
    if stem in STANDARD or line in STANDARD:
        return None
    standard = {name for name in STANDARD if _one_apart(line, name)}
    standard |= {prefix + name for name in STANDARD if prefix and _one_apart(stem, name)}
    if standard:
        return _only(standard, counts)
    seen = [name for name, n in counts.items() if n >= 2 and n >= 2 * counts[line] and _one_apart(line, name)]
    return _only(seen, counts)


def _only(candidates: Iterable[str], counts: Counter[str]) -> str | None:
    ranked = sorted(candidates, key=lambda name: -counts[name])
    if len(ranked) == 1 or (len(ranked) > 1 and counts[ranked[0]] > counts[ranked[1]]):
        return ranked[0]
    return None


def _split(line: str) -> tuple[str, str]:
    if line.startswith(_PREFIXES) and line[1:] in STANDARD:
        return line[0], line[1:]
    if line.startswith(_PREFIXES) and len(line) > 3 and not line.startswith(("区委", "县委", "市委")):
        return line[0], line[1:]
    return "", line


def _one_apart(a: str, b: str) -> bool:
    """Whether b is a with one character added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
