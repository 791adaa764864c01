"""Read the quantitative targets of one task sentence: which quantity, what kind, which comparator, which year."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

from taskdoc.indicators import lexicon as lx
from taskdoc.indicators import names
from taskdoc.indicators.numbers import arabic_years, to_halfwidth
from taskdoc.indicators.quantities import Hit, find_quantities
from taskdoc.indicators.text import Layout, clauses, layout, sentences
from taskdoc.indicators.words import find_word_targets
from taskdoc.indicators.years import year_marks
from taskdoc.model import Comparator, Indicator, IndicatorKind

_RATE_KINDS = ("growth_rate", "decline_rate", "annual_avg_growth")
_LIST_GAP = re.compile(r"[\s、和及与]*")
# rates that are statistics in their own right, not the growth of what precedes them
_NAMED_RATES = ("自然增长率",)


@dataclass(frozen=True)
class Draft:
    """An indicator before its target year is known; positions index the task text."""

    name: str
    kind: IndicatorKind
    comparator: Comparator
    value: float | None
    unit: str | None
    span: tuple[int, int]
    anchor: int
    category: str
    high: float | None = None  # a range's upper bound (its value is the lower one)


def extract(text: str, *, plan_year: int, default_year: int) -> tuple[Indicator, ...]:
    norm = arabic_years(to_halfwidth(text))
    marks = layout(norm)
    found: list[Indicator] = []
    for start, end in sentences(norm, marks):
        years = year_marks(norm, start, end, plan_year=plan_year, default=default_year)
        previous: list[Draft] = []
        for clause_start, clause_end in clauses(norm, start, end, marks):
            reader = ClauseReader(text, norm, marks, (clause_start, clause_end), previous)
            previous.extend(reader.read())
        for draft in _without_set_totals(previous):
            found.extend(_indicators(text, draft, years.at(draft.anchor)))
    return tuple(found)


def _without_set_totals(drafts: list[Draft]) -> list[Draft]:
    """实施重点项目210个，总投资1800亿元: the total investment right after a count of projects sizes that set."""
    return [
        draft
        for i, draft in enumerate(drafts)
        if not (
            i > 0
            and draft.category == "measure"
            and lx.SET_TOTAL.fullmatch(draft.name)
            and drafts[i - 1].category == "count"
            and drafts[i - 1].name.endswith("项目")
        )
    ]


def _indicators(text: str, draft: Draft, year: int) -> tuple[Indicator, ...]:
    """One indicator, or two for a range (增长5%—6%): at least the lower bound, at most the upper one —
    the Indicator has one value and a comparator, so a range is its two bounds."""
    if draft.high is None:
        return (_indicator(text, draft, year),)
    low = replace(draft, comparator=">=", high=None)
    high = replace(draft, comparator="<=", value=draft.high, high=None)
    return (_indicator(text, low, year), _indicator(text, high, year))


def _indicator(text: str, draft: Draft, year: int) -> Indicator:
    return Indicator(
        name=draft.name,
        kind=draft.kind,
        comparator=draft.comparator,
        value=draft.value,
        unit=draft.unit,
        target_year=year,
        span=text[draft.span[0] : draft.span[1]].strip(),
    )


def _hits(norm: str, start: int, end: int, marks: Layout) -> list[Hit]:
    words = find_word_targets(norm, start, end)
    numbers = [
        hit
        for hit in find_quantities(norm, start, end, marks, tuple(words))
        if not any(w.start < hit.end and hit.start < w.end for w in words)
    ]
    kept: list[Hit] = []
    for hit in sorted(words + numbers, key=lambda hit: (hit.start, -hit.end)):
        if not kept or hit.start >= kept[-1].end:  # 达22,124个: the longer reading wins
            kept.append(hit)
    return kept


class ClauseReader:
    """Walks the hits of one clause left to right; each hit's name lies between the last one and itself."""

    def __init__(
        self, text: str, norm: str, marks: Layout, clause: tuple[int, int], previous: list[Draft]
    ) -> None:
        start, end = clause
        self.text = text
        self.norm = norm
        self.marks = marks
        self.end = end
        self.previous = previous
        self.hits = _hits(norm, start, end, marks)
        self.drafts: list[Draft] = []
        self.left = start

    def read(self) -> list[Draft]:
        index = 0
        while index < len(self.hits):
            index = self._read_at(index)
        return self.drafts

    # ------------------------------------------------------------ one hit (or one 分别 group)
    def _read_at(self, index: int) -> int:
        hit = self.hits[index]
        tail = lx.PREDICATE_TAIL.search(self.norm, self.left, hit.start)
        assert tail is not None  # noqa: S101 -- narrows the type: the pattern matches the empty tail
        if tail["marker"] == "分别":
            group = self._list_group(index)
            if len(group) > 1 and self._read_respectively(group, tail):
                return index + len(group)
        name_end = tail.start("tail")
        comparator = hit.comparator or lx.PREFIX_COMPARATORS.get(tail["cmp"] or "")
        base = (
            lx.COMPARED_TO_A_BASE.search(self.norm, self.left, name_end)
            if hit.category == "percent"
            else None
        )
        if base is not None and comparator is None:  # 研发投入不低于营业收入的3%
            comparator, name_end = lx.PREFIX_COMPARATORS[base["cmp"]], base.start()
        kind = self._listed_kind(index, tail) or _kind(
            hit, tail, self.norm[self.left : name_end], self.norm[hit.end : self.end]
        )
        kind = self._continued_rate(hit, kind, tail, name_end)
        next_start = self.hits[index + 1].start if index + 1 < len(self.hits) else self.end
        if hit.name is not None:
            self._add_named(hit, kind, comparator or "=")
        elif self._takes_following_name(hit, kind, name_end):
            self._read_following(hit, kind, comparator or "=", next_start)
        else:
            self._read_preceding(hit, kind, comparator or "=", tail, name_end)
        return index + 1

    def _continued_rate(
        self, hit: Hit, kind: IndicatorKind, tail: re.Match[str], name_end: int
    ) -> IndicatorKind:
        """增长7.5%，力争达到8%: a bare share with no name of its own and no verb of level is the same rate."""
        earlier = self.drafts[-1] if self.drafts else self.previous[-1] if self.previous else None
        if (
            kind != "level"
            or hit.kind is not None
            or hit.category != "percent"
            or earlier is None
            or earlier.kind not in _RATE_KINDS
            or earlier.unit != hit.unit
            or lx.LEVEL_IN.search((tail["verbs"] or "") + (tail["last"] or ""))
            or names.clean(self.norm[self.left : name_end])
        ):
            return kind
        return earlier.kind

    def _listed_kind(self, index: int, tail: re.Match[str]) -> IndicatorKind | None:
        """城乡居民收入分别增长6%和7%: a number listed right after another, with no verb, is the same kind."""
        if index == 0 or tail.group("tail").strip() or not self.drafts:
            return None
        earlier = self.hits[index - 1]
        if (
            earlier.kind is not None
            or _LIST_GAP.fullmatch(self.norm[earlier.end : self.hits[index].start]) is None
        ):
            return None
        return self.drafts[-1].kind

    def _list_group(self, index: int) -> list[Hit]:
        """The numbers listed with only 、 between them after index (分别保持在70%、100mg/L以上)."""
        group = [self.hits[index]]
        for position in range(index + 1, len(self.hits)):
            hit = self.hits[position]
            gap = self.norm[group[-1].end : hit.start]
            if hit.kind is not None or _LIST_GAP.fullmatch(gap) is None:
                break
            group.append(hit)
        return group

    def _takes_following_name(self, hit: Hit, kind: IndicatorKind, tail_start: int) -> bool:
        if kind != "level" or hit.category in ("multiple", "qualitative"):
            return False
        rest = self.norm[hit.end : self.end].lstrip()
        if (
            not rest
            or rest[0] in "、,;:。!?()]”’"
            or rest.startswith(("和", "及", "与", "并", "或", "等", "以"))
        ):
            return False
        return hit.category == "count" or not names.clean(self.norm[self.left : tail_start])

    # ------------------------------------------------------------ the name comes after the number
    def _read_following(self, hit: Hit, kind: IndicatorKind, comparator: Comparator, next_start: int) -> None:
        start, end = names.follow_region(self.norm, hit.end, next_start, self.marks)
        name = lx.INNER_COMMITMENT.sub("", names.clean(self.text[start:end]))
        name = names.kept_verb(self.text[self.left : hit.start]) + name
        span = (names.span_start(self.norm, self.left, hit.start), max(end, hit.end))
        self._add(Draft(name, kind, comparator, hit.value, hit.unit, span, hit.start, hit.category, hit.high))
        self.left = max(end, hit.end)

    # ------------------------------------------------------------ the name comes before the number
    def _read_preceding(
        self, hit: Hit, kind: IndicatorKind, comparator: Comparator, tail: re.Match[str], name_end: int
    ) -> None:
        if (
            kind in _RATE_KINDS and hit.kind is None
        ):  # 地区生产总值增长目标为6%: the rate's noun is not in the name
            noun = lx.RATE_NOUN_AT_END.search(self.norm, self.left, name_end)
            name_end = noun.start() if noun is not None and noun.start() > self.left else name_end
        shared = tail["marker"] in ("均", "各", "分别") or kind in (*_RATE_KINDS, "multiple")
        if hit.kind == "qualitative" and tail["marker"] in ("均", "各", "都"):
            subjects = names.shared_subjects(self.norm, self.left, name_end, self.marks, conjunctions=True)
        elif hit.kind == "qualitative":
            subjects = [(self.left, name_end)]
        elif shared:
            subjects = names.shared_subjects(
                self.norm, self.left, name_end, self.marks, conjunctions=tail["marker"] in ("均", "各")
            )
        else:
            subjects = names.shared_subjects(self.norm, self.left, name_end, self.marks, conjunctions=False)
            subjects = [(subjects[0][0], subjects[-1][1])] if subjects else []
        drafts = [
            self._subject_draft(s, e, hit, kind, comparator) for s, e in subjects or [(name_end, name_end)]
        ]
        drafts = _share_kept_verb(drafts)
        if hit.kind == "qualitative" and not lx.IN_STEP_START.match(self.norm, hit.start):
            drafts = [d for d in drafts if d.name]  # 与经济增长同步 without a subject borrows the last one
        for draft in drafts:
            self._add(draft)
        self.left = hit.end

    def _subject_draft(
        self, start: int, end: int, hit: Hit, kind: IndicatorKind, comparator: Comparator
    ) -> Draft:
        span = (names.span_start(self.norm, start, end), hit.end)
        return Draft(
            names.clean(self.text[start:end]),
            kind,
            comparator,
            hit.value,
            hit.unit,
            span,
            hit.start,
            hit.category,
            hit.high,
        )

    def _add_named(self, hit: Hit, kind: IndicatorKind, comparator: Comparator) -> None:
        start, end = cast(tuple[int, int], hit.name)
        span = (names.span_start(self.norm, self.left, hit.start), hit.end)
        self._add(
            Draft(
                names.clean(self.text[start:end]), kind, comparator, None, None, span, hit.start, hit.category
            )
        )
        self.left = hit.end

    # ------------------------------------------------------------ 分别: names and numbers in pairs
    def _read_respectively(self, group: list[Hit], tail: re.Match[str]) -> bool:
        if not names.clean(self.norm[self.left : tail.start("tail")]):
            return self._read_respectively_after(group, tail)
        for conjunctions in (False, True):  # 、 first; then 和/及/与 as well
            subjects = names.shared_subjects(
                self.norm, self.left, tail.start("tail"), self.marks, conjunctions=conjunctions
            )
            if len(subjects) == len(group):
                break
        else:
            return False
        shared_comparator = group[-1].comparator or lx.PREFIX_COMPARATORS.get(tail["cmp"] or "") or "="
        end = group[-1].end
        for (start, stop), hit in zip(subjects, group, strict=True):
            kind = _kind(hit, tail)
            draft = self._subject_draft(start, stop, hit, kind, hit.comparator or shared_comparator)
            self._add(replace(draft, span=(draft.span[0], end)))
        self.left = end
        return True

    def _read_respectively_after(self, group: list[Hit], tail: re.Match[str]) -> bool:
        """…1500万人次、实现旅游收入150亿元，分别增长10%和12%: 分别 pairs with the targets just read."""
        earlier = (self.previous + self.drafts)[-len(group) :]
        if len(earlier) != len(group) or len({d.name for d in earlier}) != len(group):
            return False
        shared_comparator = group[-1].comparator or lx.PREFIX_COMPARATORS.get(tail["cmp"] or "") or "="
        for before, hit in zip(earlier, group, strict=True):
            comparator = hit.comparator or shared_comparator
            span = (before.span[0], group[-1].end)
            draft = Draft(
                before.name,
                _kind(hit, tail),
                comparator,
                hit.value,
                hit.unit,
                span,
                hit.start,
                hit.category,
                hit.high,
            )
            self.drafts.append(draft)
        self.left = group[-1].end
        return True

    # ------------------------------------------------------------ names borrowed from the sentence
    def _add(self, draft: Draft) -> None:
        earlier = self.drafts[-1] if self.drafts else self.previous[-1] if self.previous else None
        if earlier is not None and not draft.name:
            draft = replace(draft, name=earlier.name, span=(earlier.span[0], draft.span[1]))
        elif earlier is not None and names.is_bare_kept_verb(draft.name):
            draft = replace(draft, name=names.stem(earlier.name) + draft.name)
        elif earlier is not None and self._continues_a_creation(earlier, draft):
            verb = lx.CREATION_VERB_AT_START.match(earlier.name)
            draft = replace(draft, name=(verb.group(0) if verb else "") + draft.name)
        self.drafts.append(draft)

    def _continues_a_creation(self, earlier: Draft, draft: Draft) -> bool:
        """新建社会救助服务站点2个、爱心助残驿站3个: the second count is also 新建."""
        if (
            not self.drafts
            or earlier is not self.drafts[-1]
            or earlier.category != "count"
            or draft.category != "count"
        ):
            return False
        gap = self.norm[earlier.anchor : draft.span[0]]
        return (
            lx.CREATION_VERB_AT_START.match(earlier.name) is not None
            and not names.starts_with_verb(draft.name)
            and re.fullmatch(r"[^、,]*、\s*", gap) is not None
        )


def _kind(hit: Hit, tail: re.Match[str], name: str = "", after: str = "") -> IndicatorKind:
    """The kind from the verbs before the number; else from a rate's noun (增长目标为, 增长率, 5.5%的增长)."""
    verbs = (tail["verbs"] or "") + (tail["last"] or "")
    if hit.kind is not None:
        return "annual_avg_growth" if hit.kind == "growth_rate" and "年均" in verbs else hit.kind
    if hit.category != "percent" or lx.LEVEL_IN.search(verbs):
        return "level"
    if lx.GROWTH_IN.search(verbs):
        return "annual_avg_growth" if "年均" in verbs else "growth_rate"
    if lx.DECLINE_IN.search(verbs):
        return "decline_rate"
    if name.endswith(_NAMED_RATES):
        return "level"  # 人口自然增长率控制在5‰以内: a statistic of its own, held at a level
    if name.startswith(lx.DECLINE_VERBS):
        return "decline_rate"  # 压减行政许可事项10%以上: the verb before what it cuts
    noun = lx.RATE_NOUN_AT_END.search(name) or lx.RATE_NOUN_AFTER.match(after)
    if noun is None:
        return "level"
    if noun["decline"]:
        return "decline_rate"
    return "annual_avg_growth" if noun["average"] else "growth_rate"


def _share_kept_verb(drafts: list[Draft]) -> list[Draft]:
    """引进高层次人才、青年人才各300名以上: the second subject is also 引进."""
    if len(drafts) < 2:
        return drafts
    verb = lx.KEPT_VERB_AT_START.match(drafts[0].name)
    if verb is None:
        return drafts
    return [drafts[0]] + [
        d if names.starts_with_verb(d.name) else replace(d, name=verb.group(0) + d.name) for d in drafts[1:]
    ]
