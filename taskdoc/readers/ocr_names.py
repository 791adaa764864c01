"""Unit names misread by OCR, put right from the standard names of departments and from the document.

Tesseract's chi_sim drops, adds or swaps a character in a short name often enough to spoil a unit
cell ('工信和局' for 工信局, '丽务局' for 商务局, '区经发科' for 园区经发科), and each reading of the same
name errs differently; it also runs two lines of a cell into one ('财政局（国资办）区属国有企业'). Each
line of a cell that looks like a unit's name and is not a known one is put right, in this order:

- two known names run together are split back into two lines (both halves must be known names);
- a bracketed office (财政局（人金融办）) is put right on its own, against the standard names;
- the one name a single character away: a standard department name of a county, district or city
  government (with its 区/县/市 prefix kept), a standard group phrase (各镇（街道）, 区直有关单位) or
  a unit column's header word (牵头单位, read '窑头单位' on one page and '过头单位' on the next), or
  else a name read at least twice as often elsewhere in the same document with a character more or
  less (a character changed may make another real name: 区国投集团 beside 区文投集团);
- a section (…科, …股) that lost the first character of the prefix its sibling sections in the same
  document share (区经发科 beside 园区环安科 → 园区经发科).

Known names are never changed (民政局 stays beside a frequent 财政局), nor is a line with two
candidates at that distance, nor a name whose last character is another body's word (档案馆 is not a
misread 档案局: 馆 and 局 are both names of bodies).
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
    退役军人事务局 审计局 税务局 信访局 数据局 林业局 体育局 气象局 档案局 档案馆 人防办 金融办 招商办
    政府办 国资办 国动办 效能办 侨办 台办 外办 区委办 县委办 市委办 组织部 宣传部 统战部 政法委 编办 纪委监委
    区纪委监委 区委组织部 区委宣传部 区委统战部 区委政法委 区委编办 区委人才办 人才办 团区委 团县委
    总工会 妇联 残联 科协 工商联 红十字会 融媒体中心 行政服务中心 消防救援大队 供电公司 税务分局
    """
    )
)
# phrases that stand for many units, printed the same way in every county's and district's tables
GROUPS = frozenset(
    words(
        """
    各镇（街道） 各乡镇 各乡（镇） 各乡镇（街道） 各街道 相关镇（街道） 有关镇（街道） 沿海相关镇（街道）
    各群团组织 区直有关单位 区直相关单位 区直各单位 县直有关单位 县直相关单位 县直各单位 市直有关单位
    市直相关单位 区属国有企业 区属各国有企业 县属国有企业 相关区属国有企业 各有关单位 各相关单位
    有关单位 相关单位 有关部门 相关部门 各成员单位
    """
    )
)
# the header words of a unit column, repeated on every page (a misread one loses the column's role)
HEADERS = frozenset(
    words(
        """
    牵头单位 责任单位 配合单位 协办单位 协同单位 参与单位 主办单位 承办单位 主责单位 牵头责任单位
    协同责任单位 配合责任单位 责任部门 牵头部门 配合部门
    """
    )
)
KNOWN = STANDARD | GROUPS | HEADERS
_PREFIXES = ("区", "县", "市")
_LONGEST = 24
_LEAST_HALF = 3  # a name split out of a run-together line has at least this many characters
# last characters that each name a kind of body: a name ending in one is not a misreading of another
_BODY_WORDS = frozenset("局馆院所站室科股队委办部会厅处中")
_SECTIONS = ("科", "股")
_LONG_ENDS = (("委员会", "委"), ("办公室", "办"))


def correct_units(items: Sequence[Item]) -> tuple[list[Item], dict[str, str]]:
    """The items with misread unit lines corrected, and the corrections made (misread → name, a split
    one's two names joined by a line break)."""
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
    # a name put right itself is no target (园区经发科, read once, is not 'corrected' to a frequent 区经发科)
    fixes = {line: name for line, name in fixes.items() if name not in fixes}
    if not fixes:
        return list(items), {}
    out: list[Item] = [
        tuple("\n".join(fixes.get(line, line) for line in cell.split("\n")) for cell in item)
        if isinstance(item, tuple)
        else item
        for item in items
    ]
    return out, fixes


def is_known(name: str, counts: Counter[str] | None = None) -> bool:
    """A standard name or group phrase (with or without its 区/县/市 prefix; a bracketed office known
    too), or a name the document prints at least twice."""
    if counts is not None and counts[name] >= 2:
        return True
    base, part = _bracketed(name)
    if part is not None:
        return is_known(base) and part in KNOWN
    return any(
        form in KNOWN or (form.startswith(_PREFIXES) and form[1:] in KNOWN) for form in _short_forms(name)
    )


def _short_forms(name: str) -> tuple[str, ...]:
    """区委政法委员会 is also written 区委政法委, 政府办公室 政府办."""
    for long, short in _LONG_ENDS:
        if name.endswith(long):
            return (name, name[: -len(long)] + short)
    return (name,)


def _correction(line: str, counts: Counter[str]) -> str | None:
    if is_known(line):
        return None
    return (
        _split_joined(line, counts)
        or _bracketed_fix(line)
        or _near_name(line, counts)
        or _section_prefix(line, counts)
    )


def _split_joined(line: str, counts: Counter[str]) -> str | None:
    """'财政局（国资办）区属国有企业' → two lines, when both halves are known names."""
    found = [
        line[:i] + "\n" + line[i:]
        for i in range(_LEAST_HALF, len(line) - _LEAST_HALF + 1)
        if is_known(line[:i], counts) and is_known(line[i:], counts)
    ]
    return found[0] if len(found) == 1 else None


def _bracketed(name: str) -> tuple[str, str | None]:
    if name.endswith("）") and "（" in name[1:]:
        at = name.rfind("（")
        return name[:at], name[at + 1 : -1]
    return name, None


def _bracketed_fix(line: str) -> str | None:
    """财政局（人金融办） → 财政局（金融办）: the bracketed office put right against the standard names
    when it holds one character too many (a stray mark read as a character; an office of the same
    length that is not a standard name may be one, 国动办 beside 国资办)."""
    base, part = _bracketed(line)
    if part is None or not is_known(base) or part in KNOWN:
        return None
    near = [
        name
        for name in STANDARD
        if len(name) == len(part) - 1 and len(name) >= _LEAST_HALF and _one_apart(part, name)
    ]  # not 外事办 → 外办: a two-character name is one character from too many real ones
    return f"{base}（{near[0]}）" if len(near) == 1 else None


def _near_name(line: str, counts: Counter[str]) -> str | None:
    prefix, stem = _split(line)
    if stem in KNOWN:
        return None
    known = {name for name in KNOWN if _one_apart(line, name) and not _other_body(line, name)}
    known |= {
        prefix + name for name in KNOWN if prefix and _one_apart(stem, name) and not _other_body(stem, name)
    }
    if known:
        return _only(known, counts)
    seen = [
        name
        for name, n in counts.items()
        if n >= 2
        and n >= 2 * counts[line]
        and _one_apart(line, name)
        and not _other_body(line, name)
        and name != line[1:]  # a first character is lost at a cell's edge far more often than added
        and len(name) != len(line)  # 区国投集团 beside a frequent 区文投集团 may be another company
    ]
    return _only(seen, counts)


def _section_prefix(line: str, counts: Counter[str]) -> str | None:
    """区经发科 → 园区经发科 when the document's other sections are named 园区…科 (the prefix's first
    character dropped, the rest of it still there)."""
    if not line.endswith(_SECTIONS):
        return None
    prefixes = {name[:2] for name in counts if name.endswith(_SECTIONS) and name != line and len(name) > 3}
    found = [p[0] + line for p in prefixes if p[1] == line[0] and not line.startswith(p)]
    return found[0] if len(found) == 1 else None


def _other_body(a: str, b: str) -> bool:
    """Whether a and b differ in their last character, each of which names a body (馆 ≠ 局)."""
    return a[-1] != b[-1] and a[-1] in _BODY_WORDS and b[-1] in _BODY_WORDS


def _only(candidates: Iterable[str], counts: Counter[str]) -> str | None:
    ranked = sorted(candidates, key=lambda name: -counts[name])
    if len(ranked) == 1 or (len(ranked) > 1 and counts[ranked[0]] > counts[ranked[1]]):
        return ranked[0]
    return None


def _split(line: str) -> tuple[str, str]:
    if line.startswith(_PREFIXES) and line[1:] in KNOWN:
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
