"""Unit names: when two printed names mean the same unit, and which known unit a new name means.

区发改局 = 发改局 = 区发展和改革局 = 區發改局: a name is reduced to keys — folded to Simplified, half-width
and without spaces; the level prefix (区/县/市/省, 本级) dropped; long forms shortened the way
government names are shortened (发展和改革 → 发改: the first character of each part joined by 和,
and the usual short forms of the standard bureaus). Two names with a key in common mean one unit.
A parenthesised part (财政局（国资办）) names an office of its own and stays in the key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from taskdoc.normalize import fold, squash

_LEVELS = re.compile(r"^(?:[省市州县区旗盟]|自治[县州旗]|本级|市级|县级|区级)(?=.{2,})")
_BODY_ENDS = ("委员会", "局", "委", "厅", "办", "办公室", "中心")
# The usual short forms of the standard bodies' long names (the stem before 局/委/厅).
_SHORT = {
    "发展和改革": "发改",
    "发展改革": "发改",
    "工业和信息化": "工信",
    "经济和信息化": "经信",
    "人力资源和社会保障": "人社",
    "人力资源社会保障": "人社",
    "住房和城乡建设": "住建",
    "住房城乡建设": "住建",
    "卫生健康": "卫健",
    "卫生和计划生育": "卫计",
    "文化和旅游": "文旅",
    "文化广电旅游": "文广旅",
    "文化广电和旅游": "文广旅",
    "市场监督管理": "市场监管",
    "自然资源和规划": "自然资源",
    "交通运输": "交通",
    "农业农村": "农业农村",
    "应急管理": "应急",
    "退役军人事务": "退役军人",
    "医疗保障": "医保",
    "科学技术": "科技",
    "城市管理": "城管",
    "城市管理和综合执法": "城管",
    "综合行政执法": "综合执法",
    "生态环境": "生态环境",
    "数据资源管理": "数据资源",
    "商务": "商务",
    "民族宗教事务": "民宗",
    "机关事务管理": "机关事务",
    "信访": "信访",
}
_LONG_ENDS = {
    "委员会": "委",
    "办公室": "办",
    "管理委员会": "管委会",
    "街道办事处": "街道",
    "人民政府": "政府",
}
CONFIDENT = 0.9  # a near-identical name is taken without asking …
MARGIN = 0.1  # … when the next best is at least this much less alike
_MIN_NAME = 2
_MIN_SHORTENED = 3


def unit_keys(name: str) -> frozenset[str]:
    """The keys of a printed unit name; names that share a key mean the same unit."""
    text = squash(fold(name)).replace("(", "（").replace(")", "）").rstrip("。.;；,，")
    base, part = _split_part(text)
    keys: set[str] = set()
    for variant in _variants(base):
        keys.add(variant + part)
        stripped = _LEVELS.sub("", variant)
        keys.add(stripped + part)
    return frozenset(k for k in keys if len(k) >= _MIN_NAME)


def _split_part(text: str) -> tuple[str, str]:
    if text.endswith("）") and "（" in text:
        at = text.rfind("（")
        if at > 0:
            return text[:at], text[at:]
    return text, ""


def _variants(base: str) -> set[str]:
    out = {base}
    for long, short in _LONG_ENDS.items():
        if base.endswith(long):
            out.add(base[: -len(long)] + short)
    for name in list(out):
        end = next((e for e in _BODY_ENDS if name.endswith(e)), None)
        if end is None:
            continue
        level = m.group(0) if (m := _LEVELS.match(name)) else ""
        stem = name[len(level) : -len(end)]
        shortened = _SHORT.get(stem) or _first_characters(stem)
        if shortened and shortened != stem:
            out.add(level + shortened + end)
    return out


def _first_characters(stem: str) -> str | None:
    """发展和改革 → 发改: the parts joined by 和 (or 与), each cut to its first character."""
    parts = re.split("[和与及]", stem)
    if len(parts) >= _MIN_NAME and all(len(p) >= _MIN_NAME for p in parts):
        return "".join(p[0] for p in parts)
    return None


def same_unit(a: str, b: str) -> bool:
    return bool(unit_keys(a) & unit_keys(b))


@dataclass(frozen=True)
class UnitMatch:
    name: str  # the known name it matched
    score: float  # 1.0 for the same unit by its keys, else how alike the names are (0..1)
    confident: bool  # safe to map without asking


def match_unit(name: str, known: Iterable[str], *, limit: int = 3) -> list[UnitMatch]:
    """The known names closest to `name`, best first; the first is `confident` when it is surely the
    same unit (a key in common, or one clear near-identical name), otherwise a person should choose."""
    keys = unit_keys(name)
    scored: dict[str, float] = {}
    for other in dict.fromkeys(known):
        other_keys = unit_keys(other)
        if keys & other_keys:
            scored[other] = 1.0
            continue
        scored[other] = max(
            (difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() for a in keys for b in other_keys),
            default=0.0,
        )
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    out: list[UnitMatch] = []
    for i, (other, score) in enumerate(ranked):
        runner_up = ranked[i + 1][1] if i + 1 < len(ranked) else 0.0
        exact = score == 1.0 and (runner_up < 1.0 or _same_target(ranked, other))
        near = score >= CONFIDENT and score - runner_up >= MARGIN
        out.append(UnitMatch(other, round(score, 3), i == 0 and (exact or near)))
    return out


def _same_target(ranked: list[tuple[str, float]], name: str) -> bool:
    """Several known names with a key in common all name one unit only if they share a key themselves."""
    tied = [n for n, s in ranked if s == 1.0]
    return all(same_unit(name, other) for other in tied)


# ---------------------------------------------------------------- what a name says about its unit

UnitKind = str  # "group" | "town" | "company" | "park" | "department"
_PARENTHESISED = re.compile(r"^(?P<base>.+?)（(?P<part>[^（）]+)）$")
_TOWN_SUFFIXES = ("街道办事处", "街道", "镇", "乡")
_COMPANY_SUFFIXES = ("公司", "集团")
_PARK_SUFFIXES = ("指挥部", "管委会")


def unit_kind(name: str) -> UnitKind:
    """The kind a table's unit name implies: 各镇（街道） is a group, 后龙镇 a town, 区文投集团 a company …"""
    folded = fold(name)
    if is_group_phrase(name):
        return "group"
    if folded.endswith(_TOWN_SUFFIXES):
        return "town"
    if folded.endswith(_COMPANY_SUFFIXES):
        return "company"
    if folded.endswith(_PARK_SUFFIXES) or (folded.startswith("园区") and folded.endswith("科")):
        return "park"
    return "department"


def is_group_phrase(name: str) -> bool:
    """各镇（街道）, 区直有关单位, 相关镇（街道）, 区属国有企业 … stand for many units."""
    folded = fold(name)
    return (
        folded.startswith("各")
        or "相关" in folded
        or "有关" in folded
        or "区直各" in folded
        or "区属各" in folded
        or folded.endswith("国有企业")
    )


def group_member_kinds(name: str) -> frozenset[UnitKind]:
    """Which kinds of a region's units a group phrase covers (empty: its members are chosen by a person)."""
    folded = fold(name)
    if any(word in folded for word in ("卫生服务中心", "承办单位", "群团", "责任单位")):
        return frozenset()
    if "镇" in folded or "街道" in folded or "乡" in folded:
        return frozenset({"town"})
    if "企业" in folded or "公司" in folded:
        return frozenset({"company"})
    if folded.startswith("园区"):
        return frozenset({"park"})
    if "区直" in folded or "县直" in folded or "市直" in folded:
        return frozenset({"department"})
    return frozenset()


def parent_unit_name(name: str) -> str | None:
    """财政局（国资办） is an office of 财政局."""
    match = _PARENTHESISED.match(name.replace("(", "（").replace(")", "）"))
    return match.group("base") if match else None


def short_unit_name(name: str) -> str:
    """区发改局 → 发改局: the level prefix dropped when what remains is still a bureau's name."""
    if (
        name[:1] in "区县市"
        and name.endswith("局")
        and len(name) > _MIN_SHORTENED
        and name[1] not in "委直属"
    ):
        return name[1:]
    return ""
