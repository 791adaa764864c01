"""Pure escalation rules (RULES.md "Escalation ladder"): reminders, and the next step for a task × unit.

The scan drafts; people decide. L3 is only ever a proposal and L4 is never proposed (rule 7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from progress.calendar import WorkCalendar, add_working_days
from supervision.rules import RED, Config, RoutinePeriod, period_words

OPEN_STATES = frozenset({"issued", "pending_approval", "returned"})
TWO_RUNNING = 2


@dataclass(frozen=True)
class RoundLight:
    on: dt.date
    color: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeFact:
    level: int
    state: str
    answer_due: dt.date | None


@dataclass(frozen=True)
class InterviewFact:
    held_on: dt.date | None
    rectification_due: dt.date | None
    has_plan: bool


@dataclass(frozen=True)
class LadderFacts:
    rounds: Sequence[RoundLight]  # this year's ladder rounds up to today, oldest first
    unfiled: Sequence[RoutinePeriod]  # routine periods the unit has not reported on (as of today)
    notices: Mapping[int, NoticeFact]  # level → the notice of that level this year
    interview: InterviewFact | None = None


@dataclass(frozen=True)
class Proposal:
    level: int
    rule: str
    reasons: tuple[str, ...]


def reminders(
    unfiled: Sequence[RoutinePeriod], *, today: dt.date, cal: WorkCalendar, config: Config
) -> list[tuple[str, RoutinePeriod]]:
    """Reminders due today: 5 and 1 working days before a report's deadline, a chase the working day after."""
    out: list[tuple[str, RoutinePeriod]] = []
    if not cal.is_working_day(today):
        return out
    for p in unfiled:
        for n in config.remind_before:
            if _working_days_before(cal, p.due, n) == today:
                out.append((f"before_{n}", p))
        if add_working_days(cal, p.due, config.chase_after) == today:
            out.append(("chase", p))
    return out


def _working_days_before(cal: WorkCalendar, day: dt.date, n: int) -> dt.date:
    while n > 0:
        day -= dt.timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


def _level_1(f: LadderFacts, today: dt.date, cal: WorkCalendar, config: Config) -> Proposal | None:
    if f.rounds and f.rounds[-1].color == RED:
        return Proposal(1, "red_at_scan", ("督查扫描为红灯", *f.rounds[-1].reasons))
    wait = config.chase_after + config.chase_unanswered_working_days
    for p in f.unfiled:
        if today >= add_working_days(cal, p.due, wait):
            words = f"{period_words(p)}催报后{config.chase_unanswered_working_days}个工作日仍未报送"
            return Proposal(1, "chase_unanswered", (words,))
    return None


def _level_2(f: LadderFacts, today: dt.date, config: Config) -> Proposal | None:
    first = f.notices.get(1)
    if first and first.state in OPEN_STATES and first.answer_due and today > first.answer_due:
        return Proposal(2, "l1_unanswered", (f"督办单逾期未答复（答复期限{first.answer_due:%Y-%m-%d}）",))
    reds = [r for r in f.rounds if r.color == RED]
    if len(f.rounds) >= TWO_RUNNING and f.rounds[-1].color == RED and f.rounds[-2].color == RED:
        return Proposal(2, "red_two_scans", ("连续两次督查扫描为红灯", *f.rounds[-1].reasons))
    if len(reds) >= config.red_times_in_year:
        return Proposal(2, "red_three_times", (f"本年度第{len(reds)}次督查扫描为红灯", *reds[-1].reasons))
    return None


def _level_3(f: LadderFacts, today: dt.date) -> Proposal | None:
    iv = f.interview
    if iv is None or iv.held_on is None:
        return None
    after = [r for r in f.rounds if r.on > iv.held_on]
    if len(after) >= TWO_RUNNING and after[-1].color == RED and after[-2].color == RED:
        return Proposal(3, "red_after_interview", ("约谈后连续两次督查扫描仍为红灯",))
    if iv.rectification_due and today > iv.rectification_due and not iv.has_plan:
        return Proposal(
            3, "rectification_missing", (f"约谈后整改方案逾期未报（期限{iv.rectification_due:%Y-%m-%d}）",)
        )
    return None


def next_step(f: LadderFacts, *, today: dt.date, cal: WorkCalendar, config: Config) -> Proposal | None:
    """The highest step the rules call for, if it is above every step already taken this year.
    Nothing on a weekend or holiday."""
    if not cal.is_working_day(today):
        return None
    taken = max(f.notices, default=0)
    for proposal in (_level_3(f, today), _level_2(f, today, config), _level_1(f, today, cal, config)):
        if proposal is not None:
            return proposal if proposal.level > taken else None
    return None
