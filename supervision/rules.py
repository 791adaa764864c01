"""Pure status rules (序时进度, RULES.md "Status"): a task × unit's light and its reasons in words.

Nothing here reads the database or the clock: `today` and the working-day calendar are arguments.
Every number comes from `Config`, which the office may change per region (Region.settings["supervision"]).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from progress.calendar import WorkCalendar, add_working_days, working_days_between
from taskdoc.indicators import expected
from taskdoc.model import Indicator as ParsedIndicator

GREEN, AMBER, RED, BLUE, GREY = "green", "amber", "red", "blue", "grey"
COLORS = (GREEN, AMBER, RED, BLUE, GREY)
# worst first: a task's light is its worst unit's light
SEVERITY = {RED: 4, AMBER: 3, BLUE: 2, GREEN: 1, GREY: 0}
COLOR_WORDS = {GREEN: "绿灯", AMBER: "黄灯", RED: "红灯", BLUE: "蓝灯", GREY: "灰灯"}


@dataclass(frozen=True)
class Config:
    """RULES.md defaults; every one can be changed per region."""

    amber_points: int = 10
    red_points: int = 30
    grace_working_days: int = 2
    not_started_red_month: int = 3
    milestone_red_days: int = 15
    blue_working_days: int = 5
    remind_before: tuple[int, ...] = (5, 1)
    chase_after: int = 1
    chase_unanswered_working_days: int = 5
    answer_working_days: int = 5
    red_times_in_year: int = 3
    rectification_working_days: int = 10
    follow_up_days: int = 30
    extension_min_working_days: int = 3
    extension_decide_working_days: int = 3
    close_similarity: int = 90
    number_format: str = "{short}督〔{year}〕{n}号"
    close_checklist: tuple[str, ...] = (
        "整改措施已落实",
        "佐证材料已核实",
        "分管领导已审核",
        "整改结果已反馈督查室",
    )

    @classmethod
    def from_settings(cls, values: Mapping[str, Any] | None) -> Config:
        """The region's own numbers over the defaults; unknown keys and values of the wrong type are ignored."""
        if not values:
            return cls()
        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        defaults = cls()
        for key, value in values.items():
            if key not in known:
                continue
            default = getattr(defaults, key)
            if isinstance(default, tuple) and isinstance(value, list):
                changes[key] = tuple(value)
            elif isinstance(value, type(default)) and not isinstance(value, bool):
                changes[key] = value
        return replace(defaults, **changes)


@dataclass(frozen=True)
class RoutinePeriod:
    id: int
    kind: str  # month or quarter
    start: dt.date
    end: dt.date
    due: dt.date


NO_READINGS: Mapping[int, float | None] = MappingProxyType({})


class ReportFact(NamedTuple):
    """One report (a named tuple: a district's thousands of reports are made in a blink)."""

    period_id: int
    period_end: dt.date
    status: str
    percent: int
    filed_on: dt.date
    readings: Mapping[int, float | None] = NO_READINGS


@dataclass(frozen=True)
class IndicatorFact:
    id: int
    name: str
    kind: str
    comparator: str
    value: float | None
    unit: str | None


@dataclass(frozen=True)
class MilestoneFact:
    title: str
    due: dt.date
    done_on: dt.date | None


@dataclass(frozen=True)
class UnitFacts:
    """Everything the rules need about one lead unit's part in one task."""

    plan_start: dt.date
    task_due: dt.date
    periods: Sequence[RoutinePeriod]
    reports: Sequence[ReportFact] = ()
    indicators: Sequence[IndicatorFact] = ()
    milestones: Sequence[MilestoneFact] = ()
    adjusted: str | None = None  # the adjustment's reason
    extended_to: dt.date | None = None
    previous: str | None = None  # the light at the last ladder round


@dataclass(frozen=True)
class Light:
    color: str
    reasons: tuple[str, ...] = ()


def period_words(period: RoutinePeriod) -> str:
    if period.kind == "quarter":
        return f"{period.start.year}年第{(period.start.month - 1) // 3 + 1}季度报告"
    return f"{period.start.year}年{period.start.month}月报告"


def _num(value: float) -> str:
    return f"{value:g}"


@lru_cache(maxsize=4096)
def expected_percent(*, start: dt.date, due: dt.date, on: dt.date) -> float:
    """Linear by month from the plan's start to the task's due date (RULES.md). A pure function of three
    dates that most tasks share: each combination is worked out once."""
    ind = ParsedIndicator("", "level", ">=", 100.0, "%", due.year, "")
    return expected(ind, on=on, start=start, end=due) or 0.0


@dataclass
class _Findings:
    """What the rules found for one unit on one day, worst first; with what they need to know."""

    facts: UnitFacts
    today: dt.date
    cal: WorkCalendar
    config: Config
    red: list[str] = field(default_factory=list)
    amber: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)

    def lag(self, lag: float, words: str, *, quiet: bool = False) -> None:
        """Points behind the trajectory: red beyond red_points, amber beyond amber_points."""
        if lag > self.config.red_points:
            self.red.append(f"{words}，落后{lag:.0f}个百分点")
        elif lag > self.config.amber_points:
            self.amber.append(f"{words}，落后{lag:.0f}个百分点")
        elif not quiet:
            self.info.append(words)


TWO_RUNNING = 2


_BY_PERIOD_END = attrgetter("period_end")  # sort keys as C functions: the rules run for every task and unit
_BY_DUE = attrgetter("due")


def _filed(facts: UnitFacts, today: dt.date) -> list[ReportFact]:
    filed = [r for r in facts.reports if r.filed_on <= today]
    filed.sort(key=_BY_PERIOD_END)
    return filed


def _missing(found: _Findings, filed: Sequence[ReportFact]) -> None:
    """Reports past their due date: amber after the grace, red two periods running."""
    facts, today = found.facts, found.today
    have = {r.period_id for r in filed}
    task_due = facts.task_due
    past = [p for p in sorted(facts.periods, key=_BY_DUE) if p.due < today and p.start <= task_due]
    if not past or past[-1].id in have:  # the last period due is reported (or none is due yet)
        return
    if len(past) >= TWO_RUNNING and past[-2].id not in have:
        found.red.append(f"连续两期未报送进展（{period_words(past[-2])}、{period_words(past[-1])}）")
        return
    late = working_days_between(found.cal, past[-1].due, today)
    if late > found.config.grace_working_days:
        found.amber.append(f"{period_words(past[-1])}逾期{late}个工作日未报")


def _progress(found: _Findings, last: ReportFact) -> None:
    facts, today = found.facts, found.today
    if last.percent == 0:
        months = (today.year - facts.plan_start.year) * 12 + today.month - facts.plan_start.month + 1
        target = found.red if months >= found.config.not_started_red_month else found.amber
        target.append("尚未开工")
        return
    exp = expected_percent(start=facts.plan_start, due=facts.task_due, on=last.period_end)
    found.lag(exp - last.percent, f"完成进度{last.percent}%，序时进度{exp:.0f}%")


def _rate(found: _Findings, ind: IndicatorFact, value: float, target: float) -> None:
    unit = ind.unit or ""
    if ind.kind == "decline_rate":
        if value < target:
            found.amber.append(f"{ind.name}下降{_num(value)}{unit}，未达目标{_num(target)}{unit}")
    elif ind.comparator == "<=":
        if value > target:
            found.amber.append(f"{ind.name}{_num(value)}{unit}，高于控制目标{_num(target)}{unit}")
    elif value < 0:
        found.red.append(f"{ind.name}增速{_num(value)}{unit}，为负增长")
    elif value < target:
        found.amber.append(f"{ind.name}增速{_num(value)}{unit}，低于目标{_num(target)}{unit}")


def _indicator(found: _Findings, ind: IndicatorFact, value: float, on: dt.date) -> None:
    if ind.value is None or ind.kind == "qualitative":
        return
    if ind.kind in ("growth_rate", "annual_avg_growth", "decline_rate"):
        _rate(found, ind, value, ind.value)
    elif ind.kind == "level" and ind.comparator != "<=" and ind.value > 0:
        facts = found.facts
        parsed = ParsedIndicator(ind.name, "level", ">=", ind.value, ind.unit, facts.task_due.year, "")
        exp = expected(parsed, on=on, start=facts.plan_start, end=facts.task_due) or 0.0
        words = f"{ind.name}完成{_num(value)}{ind.unit or ''}，序时目标{exp:.4g}{ind.unit or ''}"
        found.lag((exp - value) / ind.value * 100, words, quiet=True)


def _indicators(found: _Findings, filed: Sequence[ReportFact]) -> None:
    for ind in found.facts.indicators:
        for report in reversed(filed):
            value = report.readings.get(ind.id)
            if value is not None:
                _indicator(found, ind, value, report.period_end)
                break


def _milestones(found: _Findings) -> None:
    for m in found.facts.milestones:
        if m.done_on is None and m.due < found.today:
            days = (found.today - m.due).days
            target = found.red if days > found.config.milestone_red_days else found.amber
            target.append(f"关键节点“{m.title}”逾期{days}天未完成")


def _blue(found: _Findings, filed: Sequence[ReportFact]) -> str | None:
    """A deadline within the next few working days (the task's, or the next report's)."""
    facts, today, cal = found.facts, found.today, found.cal
    horizon = add_working_days(cal, today, found.config.blue_working_days)
    if today <= facts.task_due <= horizon:
        left = working_days_between(cal, today, facts.task_due)
        return f"距完成时限（{facts.task_due:%Y-%m-%d}）还有{left}个工作日"
    have = {r.period_id for r in filed}
    for p in sorted(facts.periods, key=_BY_DUE):
        if today <= p.due <= horizon and p.id not in have and p.start <= facts.task_due:
            return f"{period_words(p)}将于{p.due:%m月%d日}截止，尚未报送"
    return None


def _settled(facts: UnitFacts, filed: Sequence[ReportFact], extended: tuple[str, ...]) -> Light | None:
    """Adjusted (grey) or done (green): nothing else to look at."""
    if facts.adjusted is not None:
        return Light(GREY, (f"任务已调整：{facts.adjusted}",))
    first = next((r for r in filed if r.status == "done"), None)
    if first is None:
        return None
    early = first.period_end < facts.task_due and first.period_end.month != facts.task_due.month
    words = "提前完成" if early else "已完成"
    return Light(GREEN, (f"{words}（{first.period_end.year}年{first.period_end.month}月报告）", *extended))


def _color(found: _Findings, filed: Sequence[ReportFact], extended: tuple[str, ...]) -> Light:
    if found.red:
        return Light(RED, (*found.red, *found.amber, *extended))
    if found.amber:
        if found.facts.previous == AMBER:
            return Light(RED, ("连续两次督查为黄灯", *found.amber, *extended))
        return Light(AMBER, (*found.amber, *extended))
    if not filed:
        return Light(GREY, ("等待首次报送进展", *extended))
    hint = _blue(found, filed)
    if hint:
        return Light(BLUE, (hint, *found.info, *extended))
    return Light(GREEN, (*(found.info or ["按序时推进"]), *extended))


def unit_light(facts: UnitFacts, *, today: dt.date, cal: WorkCalendar, config: Config) -> Light:
    """The light of one lead unit's part in a task on `today`, with its reasons (RULES.md "Status")."""
    extended: tuple[str, ...] = ()
    if facts.extended_to is not None:
        facts = replace(facts, task_due=facts.extended_to)
        extended = (f"已批准延期至{facts.extended_to:%Y年%m月%d日}",)
    filed = _filed(facts, today)
    settled = _settled(facts, filed, extended)
    if settled is not None:
        return settled
    found = _Findings(facts, today, cal, config)
    _missing(found, filed)
    if filed:
        _progress(found, filed[-1])
        _indicators(found, filed)
    _milestones(found)
    if today > facts.task_due:
        found.red.append(f"已超过完成时限（{facts.task_due:%Y-%m-%d}）未完成")
    return _color(found, filed, extended)


def task_light(lights: Iterable[Light]) -> Light:
    """A task's light is its worst lead unit's light (grey only when every unit is grey)."""
    items = list(lights)
    if not items:
        return Light(GREY, ("未明确牵头单位",))
    worst = max(items, key=lambda light: SEVERITY[light.color])
    return worst


def public(light: Light) -> Light:
    """What someone other than the unit and the office sees: blue is a private hint, shown as green."""
    if light.color == BLUE:
        return Light(GREEN, ("按序时推进",))
    return light


def overridden(light: Light, *, color: str, reason: str, by: str, on: dt.date) -> Light:
    words = f"人工认定为{COLOR_WORDS.get(color, color)}：{reason}（{by}，{on:%Y-%m-%d}）"
    return Light(color, (words, *light.reasons))
