"""Unit and leader cells: split into names, keep group phrases whole, repair what extraction broke.

Rules are about the language of unit names (suffixes such as 局 / 办 / 街道办事处, group phrases such as
各镇（街道）), never about particular units: a glued pair is split where one name's suffix ends and a
new name starts; a name wrapped onto the next line is joined when its first line is not a name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from taskdoc.issues import Note, note
from taskdoc.normalize import fold, full_brackets, words

# Endings that make a string a unit name (folded, Simplified). Longest first.
_UNIT_SUFFIXES = tuple(
    sorted(
        words(
            "人民政府 政府 街道办事处 办事处 管委会 委员会 居委会 村委会 指挥部 领导小组 工作组 专班 小组 办公室 集团 公司 中心 "
            "医院 卫生院 学校 学院 大学 中学 小学 幼儿园 分局 局 办 委 室 部 处 科 股 所 站 队 院 校 馆 厅 街道 镇 乡 "
            "场 台 报社 合作社 供销社 旅行社 银行 分行 支行 署 协会 学会 商会 工会 理事会 联合会 基金会 促进会 研究会 "
            "红十字会 妇联 残联 侨联 科协 文联 工商联 社科联 单位 部门 企业 组织 机构 海关 法院 检察院 党委 党组 团委 "
            "片区 园区 景区 保护区 开发区 高新区 试验区 示范区 新区"
        ),
        key=len,
        reverse=True,
    )
)
# Endings after which a glued name may be split (the single characters here rarely end a word mid-name).
_GLUE_SUFFIXES = tuple(
    sorted(
        words(
            "人民政府 政府 街道办事处 办事处 管委会 委员会 指挥部 领导小组 专班 集团 公司 中心 医院 局 办 委 室 部 镇 街道 院 馆 "
            "队 妇联 残联 侨联 科协 文联 工商联 社科联 协会 商会 工会"
        ),
        key=len,
        reverse=True,
    )
)
# Endings of a part that belongs to the unit before it (公安局交警大队, 医院急诊科): never split off.
_SUBORDINATE = (
    "分局",
    "大队",
    "中队",
    "支队",
    "分队",
    "分中心",
    "分公司",
    "支行",
    "分行",
    "科",
    "股",
    "所",
    "站",
    "室",
)
# Endings of an internal section whose shared prefix may be left out (园区经发科、环安科).
_SECTION_SUFFIXES = ("科", "股", "处", "室", "部", "中队", "组")
# Line fragments that are only the end of a name (…/指挥部, …/承办单位).
_BARE = frozenset(
    words(
        "指挥部 管委会 委员会 办公室 办事处 街道办事处 领导小组 工作专班 专班 承办单位 责任单位 单位 集团 公司 中心 服务中心"
    )
)
_LEVEL_STARTS = ("区", "县", "市", "省", "州", "盟", "旗", "各", "相关", "有关", "全", "团")
_GROUP_STEM = re.compile(r"^各(相关|有关)?(街道|镇|乡|乡镇|村|社区|部门|单位)$")
_LEVEL_GOVERNMENT = re.compile(r"^[省市州县区旗盟镇乡]?(人民)?政府$")
_NOT_A_NAME_END = ("城镇", "乡镇", "村镇")  # common nouns, not a place named …镇
_SEPARATORS = "、，,；;/／"
_STRIP = " \t\u3000。.;；,，:：“”\"'‘’"
_DIGITS_ONLY = re.compile(r"^[\d\s.\-—]+$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·•]{2,5}$")


@dataclass(frozen=True)
class UnitList:
    names: tuple[str, ...]
    marked_lead: tuple[str, ...] = ()  # names printed with （牵头）
    notes: tuple[Note, ...] = ()


def _core(name: str) -> str:
    """The name without a trailing bracketed part: 财政局（国资办） → 财政局."""
    folded = fold(name)
    while folded.endswith(")") and "(" in folded:
        folded = folded[: folded.rfind("(")].rstrip()
    return folded


def is_unit_like(name: str) -> bool:
    core = _core(name)
    return len(core) >= 2 and core.endswith(_UNIT_SUFFIXES)


def starts_new_unit(name: str) -> bool:
    return fold(name).startswith(_LEVEL_STARTS)


def is_person_name(token: str) -> bool:
    name = re.sub(r"\s+", "", token)
    return bool(_CJK_NAME.match(name)) and not is_unit_like(name) and len(name) <= 4


# ---------------------------------------------------------------- tokenising


def _tokens(raw: str) -> list[tuple[str, str]]:
    """Split a cell outside brackets → [(separator before, token)]; separator is 'line', 'space' or 'mark'."""
    out: list[tuple[str, str]] = []
    depth, sep, pending = 0, "start", "start"
    current: list[str] = []
    for ch in raw:
        if ch in "（[【":
            depth += 1
        elif ch in "）]】" and depth:
            depth -= 1
        if depth == 0 and (ch.isspace() or ch in _SEPARATORS):
            kind = "line" if ch == "\n" else "space" if ch.isspace() else "mark"
            if current:
                out.append((sep, "".join(current)))
                current, pending = [], kind
            elif _rank(kind) > _rank(pending):
                pending = kind
            sep = pending
            continue
        current.append(ch)
    if current:
        out.append((sep, "".join(current)))
    return out


def _rank(kind: str) -> int:
    return {"start": 0, "space": 1, "line": 2, "mark": 3}[kind]


@functools.lru_cache(maxsize=4096)
def split_units(raw: str) -> UnitList:
    """The unit names of one cell, in printed order, with notes on what was repaired."""
    notes: list[Note] = []
    half = [t for _, t in _tokens(raw) if "(" in t or ")" in t]
    if half:
        notes.append(note("half_width_brackets", names=", ".join(half)))
    tokens = _tokens(_without_notes(full_brackets(raw)))
    tokens = [(sep, part) for sep, token in tokens for part in _split_deng(token, sep)]
    pieces = _join_pieces(tokens, notes)
    names = _expand_prefixes(pieces, notes)
    out: list[str] = []
    for name in names:
        parts = _split_glued(name)
        if len(parts) > 1:
            notes.append(note("units_glued", names=name))
        out.extend(parts)
    marked: list[str] = []
    clean: list[str] = []
    for name in out:
        name = name.strip(_STRIP)
        if not name:
            continue
        if _DIGITS_ONLY.match(name):
            notes.append(note("stray_unit_text", text=name))
            continue
        lead = re.sub(r"（(牵头|牵头单位|牵头部门)）$|(?<=[^分别])牵头$", "", name)
        if lead != name:
            name = lead
            marked.append(name)
        if name not in clean:
            clean.append(name)
    clean, marked = _each_leads(clean, marked)
    return UnitList(tuple(clean), tuple(marked), tuple(notes))


# A note printed inside a unit cell: （首位单位为牵头单位，下同）, （列第一位者为牵头或汇总单位）.
_NOTE = re.compile(r"\([^()]*(?:下同|汇总|第一|首位|为牵头)[^()]*\)")


def _without_notes(text: str) -> str:
    """The cell without such notes, found in the folded text (any script, any bracket width)."""
    for match in reversed(list(_NOTE.finditer(fold(text)))):
        text = text[: match.start()] + text[match.end() :]
    return text


def _split_deng(token: str, sep: str) -> list[str]:
    """等 closing a unit name ends the list or separates it: 区科技局等区级有关部门 → 区科技局, 区级有关部门."""
    parts: list[str] = []
    rest = token[:-1] if token.endswith("等") and len(token) > 2 else token
    while "等" in rest:
        at = rest.index("等")
        head = rest[:at]
        if not is_unit_like(head):
            break
        parts.append(head)
        rest = rest[at + 1 :]
    if rest:
        parts.append(rest)
    return parts or [token]


def _each_leads(names: list[str], marked: list[str]) -> tuple[list[str], list[str]]:
    """'X和Y分别牵头、Z': every unit named before 分别牵头 leads; a pair joined by 和 is split only here."""
    at = next((i for i, name in enumerate(names) if fold(name).endswith("分别牵头")), None)
    if at is None:
        return names, marked
    leads: list[str] = []
    for name in names[:at] + [names[at][: -len("分别牵头")]]:
        leads.extend(part for part in name.split("和") if part)
    return [*leads, *names[at + 1 :]], [*leads, *marked]


def _join_pieces(tokens: list[tuple[str, str]], notes: list[Note]) -> list[tuple[str, str]]:
    singles = {i for i, (_, t) in enumerate(tokens) if len(t) == 1}
    pieces: list[tuple[str, str]] = []
    for i, (sep, token) in enumerate(tokens):
        if not pieces:
            pieces.append((sep, token))
            continue
        before, previous = pieces[-1]
        joined = _joined(i, sep, previous, token, singles=singles, notes=notes)
        if joined is None:
            pieces.append((sep, token))
        else:
            pieces[-1] = (before, joined)
    return pieces


def _joined(
    i: int, sep: str, previous: str, token: str, *, singles: set[int], notes: list[Note]
) -> str | None:
    """The joined name when `token` continues `previous`, else None."""
    if sep == "mark" and (i in singles or i - 1 in singles):
        return previous + "、" + token  # 各县、市、区政府
    if token.startswith("（"):
        if sep in ("line", "space"):
            notes.append(note("bracket_part_joined", first=previous, second=token))
        return previous + token
    if sep in ("line", "space") and _is_wrapped(previous, token, sep):
        notes.append(note("unit_wrapped", first=previous, second=token))
        return previous + token
    return None


def _is_wrapped(first: str, second: str, sep: str) -> bool:
    if fold(second) in _BARE and not starts_new_unit(second):
        return True
    return (
        sep == "line"
        and not is_unit_like(first)
        and not starts_new_unit(second)
        and is_unit_like(first + second)
    )


def _expand_prefixes(pieces: list[tuple[str, str]], notes: list[Note]) -> list[str]:
    """园区经发科、环安科 → 园区经发科, 园区环安科: a section name after 、 shares the prefix of the one before."""
    out = [name for _, name in pieces]
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        suffix = next((s for s in _SECTION_SUFFIXES if fold(second).endswith(s)), None)
        if pieces[i][0] != "mark" or suffix is None or not fold(first).endswith(suffix):
            continue
        if starts_new_unit(second) or "（" in first:
            continue
        prefix = first[: len(first) - len(second)]
        if len(first) > len(second) and len(prefix) >= 2:
            out[i] = prefix + second
            notes.append(
                note("prefix_elided", printed=f"{pieces[i - 1][1]}、{second}", expanded=f"{first}, {out[i]}")
            )
    return out


def _split_glued(name: str) -> list[str]:
    """常泰街道办事处江南城建集团 → 常泰街道办事处, 江南城建集团."""
    folded = fold(name)
    if len(folded) < 6:
        return [name]
    inside: set[int] | None = None
    depth = 0
    for i, ch in enumerate(folded):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        cut = i + 1
        if depth or i < 2 or not folded[:cut].endswith(_GLUE_SUFFIXES):
            continue
        inside = _inside_words(folded) if inside is None else inside
        if cut not in inside and _can_split(folded[:cut], folded[cut:]):
            return [name[:cut], *_split_glued(name[cut:])]
    return [name]


def _inside_words(folded: str) -> set[int]:
    """Cut positions that fall inside a multi-character unit suffix (街道办|事处)."""
    inside: set[int] = set()
    for suffix in _UNIT_SUFFIXES:
        if len(suffix) < 2:
            continue
        start = folded.find(suffix)
        while start >= 0:
            inside.update(range(start + 1, start + len(suffix)))
            start = folded.find(suffix, start + 1)
    return inside


def _can_split(left: str, right: str) -> bool:
    if len(left) < 3 or len(right) < 3 or not left.endswith(_GLUE_SUFFIXES):
        return False
    if left.endswith(_NOT_A_NAME_END) or right.startswith(
        (*_GLUE_SUFFIXES, "分", "支", "党", "管理", "办公", "(")
    ):
        return False
    if not is_unit_like(right) or _core(right).endswith(_SUBORDINATE):
        return False
    if _GROUP_STEM.match(left) and not starts_new_unit(right):
        return False
    if left.endswith(("政府", "管委会")) and right.startswith("各"):
        return False  # 市政府各部门: the departments of that government
    if _LEVEL_GOVERNMENT.match(left) and not starts_new_unit(right):
        return False  # 县政府园区发展服务中心: a body of the county government
    stem = next((right[: -len(s)] for s in _UNIT_SUFFIXES if _core(right).endswith(s)), right)
    return len(stem) >= 2 or starts_new_unit(right)


# ---------------------------------------------------------------- leaders


# An office title printed beside a leader's name (副县长, 县委常委, 常务副市长, 党组书记): a post word
# after a level or rank prefix, so a personal name ending in 长 is not taken for one.
_POST = r"(?:常务|第一|副|省|市|州|县|区|旗|盟|镇|乡|街道|党|政府|人大|政协|管委会)\S*?(?:长|书记|常委|主任|委员|主席|助理|巡视员|调研员|政委)"
_TITLE = re.compile(rf"^{_POST}$")
_TITLED_NAME = re.compile(rf"^{_POST}([\u4e00-\u9fff]{{2,3}})$")  # 副县长王刚
_BRACKETED = re.compile(r"[（(]([^（）()]*)[）)]")


def is_title(token: str) -> bool:
    return bool(_TITLE.match(fold(token)))


def split_leaders(raw: str) -> tuple[tuple[str, ...], tuple[Note, ...]]:
    """Leader names of one cell; padding inside a name is removed (王  伟 → 王伟).

    Office titles printed with the names (李华（副县长）, 县委常委、副县长 王刚) are dropped when the
    cell names a person; a cell that gives posts only (常务副县长) keeps them.
    """
    names: list[str] = []
    notes: list[Note] = []
    text = _BRACKETED.sub(lambda m: "" if _all_titles(m.group(1)) else m.group(0), raw)
    for line in text.splitlines():
        for piece in re.split(f"[{_SEPARATORS}]", line):
            for name in unpad(piece.split()):
                name = name.strip(_STRIP)
                titled = _TITLED_NAME.match(fold(name))
                name = name[titled.start(1) :] if titled else name
                if not name:
                    continue
                if _DIGITS_ONLY.match(name):
                    notes.append(note("stray_leader_text", text=name))
                elif name not in names:
                    names.append(name)
    people = [n for n in names if not is_title(n)]
    return tuple(people or names), tuple(notes)


def _all_titles(text: str) -> bool:
    parts = [p for p in re.split(f"[{_SEPARATORS}\\s]", text) if p]
    return bool(parts) and all(is_title(p) for p in parts)


def unpad(tokens: Iterable[str], *, names_only: bool = False) -> list[str]:
    """Join the characters of a name printed with padding: ['王', '伟', '曾国志'] → ['王伟', '曾国志'].

    With `names_only`, only Chinese characters are joined (a row number '1' stays apart)."""
    out: list[str] = []
    items = list(tokens)
    i = 0
    while i < len(items):
        token = items[i]
        single = len(token) == 1 and (not names_only or _CJK_NAME.match(token + token) is not None)
        if single and i + 1 < len(items) and len(items[i + 1]) <= 2:
            out.append(token + items[i + 1])
            i += 2
            continue
        if single and out and len(out[-1]) <= 2:
            out[-1] += token
        else:
            out.append(token)
        i += 1
    return out


# A section heading that names the leader of its tasks: 一、王丹县长牵头重点工作 / 二、常务副区长姚珂军牵头重点工作.
_HEADING_TITLE = re.compile(
    r"^(?:常务)?副?(?:[省市州县区旗盟镇乡](?:政府|委)?)(?:长|党组成员|党组副书记|党组书记|秘书长|常委|副?主任|委员|助理|书记)$"
)
_HEADING_DUTY = re.compile(r"(?:牵头|主抓|分管|负责|联系)(?:的)?(?:重点)?(?:工作|任务|事项)?$")


def heading_leader(heading: str) -> str | None:
    """The leader's name in a heading '<marker><name><title>牵头重点工作' (or title before name), as printed."""
    folded = fold(heading)
    body = re.sub(
        r"^(?:[一二三四五六七八九十]+[、.]|\(\s*[一二三四五六七八九十]+\s*\)|\d{1,2}[.、])\s*", "", folded
    )
    start = len(folded) - len(body)
    duty = _HEADING_DUTY.search(body)
    if duty is None or duty.start() == 0:
        return None
    who = body[: duty.start()]
    for size in (2, 3):
        if len(who) > size and _HEADING_TITLE.match(who[size:]):
            return heading[start : start + size]
        if len(who) > size and _HEADING_TITLE.match(who[:-size]) and _CJK_NAME.match(who[-size:]):
            return heading[start + len(who) - size : start + len(who)]
    return None
