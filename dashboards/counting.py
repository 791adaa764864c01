"""Pure counting for the dashboards: lights by group, the monthly trend, who has not reported, the burden,
what changed in a week. No database, no clock: rows in, `today` as an argument, plain values out."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

COLORS = ("red", "amber", "green", "blue", "grey")
PUBLIC_COLORS = ("red", "amber", "green", "grey")
SEVERITY = {"red": 0, "amber": 1, "blue": 2, "green": 3, "grey": 4}


@dataclass
class GroupCount:
    """One row of a "lights by …" table: a name and how many tasks have each light."""

    name: str
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self, colors: Sequence[str] = COLORS) -> list[int]:
        return [self.counts[c] for c in colors]


def count_by(
    colors: Mapping[int, str], groups: Mapping[int, Iterable[str]], *, none: str
) -> list[GroupCount]:
    """Lights counted per group; a task in several groups counts in each, a task in none under `none`.
    Worst first (most red, then amber), then by name."""
    return count_pairs(
        (name, color) for task_id, color in colors.items() for name in list(groups.get(task_id, ())) or [none]
    )


def count_pairs(pairs: Iterable[tuple[str, str]]) -> list[GroupCount]:
    """(group name, light) pairs counted; worst first (most red, then amber), then by name."""
    rows: dict[str, GroupCount] = {}
    for (name, color), n in Counter(pairs).items():  # counted in one pass; one row made per name
        row = rows.get(name)
        if row is None:
            row = rows[name] = GroupCount(name)
        row.counts[color] = n
    return sorted(rows.values(), key=lambda r: (-r.counts["red"], -r.counts["amber"], r.name))


def totals(colors: Mapping[int, str]) -> Counter[str]:
    return Counter(colors.values())


def fold_blue(colors: Mapping[int, str]) -> dict[int, str]:
    """Blue is a private hint: shown as green to readers who may not see it (observers, leaders)."""
    return {t: ("green" if c == "blue" else c) for t, c in colors.items()}


@dataclass(frozen=True)
class TrendPoint:
    month: str  # "2026-05"
    on: dt.date  # the scan the month is read from (its last)
    counts: Mapping[str, int]

    def cells(self, colors: Sequence[str] = COLORS) -> list[int]:
        return [self.counts.get(c, 0) for c in colors]


def last_scan_per_month(
    scans: Iterable[tuple[int, dt.date]], *, today: dt.date, months: int = 12
) -> dict[int, dt.date]:
    """scan id → date for the last scan of each of the `months` months up to today (a month without a scan
    is left out)."""
    first = _month_start(today, back=months - 1)
    best: dict[str, tuple[dt.date, int]] = {}
    for scan_id, on in scans:
        if not first <= on <= today:
            continue
        key = f"{on:%Y-%m}"
        if key not in best or on > best[key][0]:
            best[key] = (on, scan_id)
    return {scan_id: on for on, scan_id in best.values()}


def trend(
    counts: Iterable[tuple[int, str, int]], scans: Mapping[int, dt.date], *, private: bool
) -> list[TrendPoint]:
    """(scan id, color, n) rows → one point per month, oldest first; blue folded into green unless private."""
    by_scan: dict[int, Counter[str]] = defaultdict(Counter)
    for scan_id, color, n in counts:
        if scan_id in scans:
            by_scan[scan_id]["green" if color == "blue" and not private else color] += n
    return [
        TrendPoint(f"{on:%Y-%m}", on, dict(by_scan[scan_id]))
        for scan_id, on in sorted(scans.items(), key=lambda kv: kv[1])
    ]


def _month_start(day: dt.date, *, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class PeriodRow:
    id: int
    plan_id: int
    kind: str
    start: dt.date
    end: dt.date
    due_date: dt.date
    locked: bool
    lock_date: dt.date | None = None


def current_period(periods: Iterable[PeriodRow], *, today: dt.date, open_days: int = 30) -> PeriodRow | None:
    """The routine period units are reporting on now: the open one due soonest (open: over, not locked nor
    past its review's closing date, from `open_days` before its due date); else the one most recently due."""
    rows = [p for p in periods if p.kind in ("month", "quarter")]
    open_now = [
        p
        for p in rows
        if not p.locked
        and (p.lock_date is None or p.lock_date >= today)
        and today >= max(p.start, p.due_date - dt.timedelta(days=open_days))
        and p.end < today
    ]
    if open_now:
        return min(open_now, key=lambda p: (p.due_date, p.kind))
    past = [p for p in rows if p.due_date <= today]
    return max(past, key=lambda p: (p.due_date, p.kind)) if past else None


@dataclass(frozen=True)
class Unreported:
    unit_id: int
    name: str
    seqs: tuple[int, ...]
    overdue: bool


def unreported(
    *,
    period: PeriodRow,
    leads: Iterable[tuple[int, int, int, dt.date]],
    filed: Iterable[tuple[int, int]],
    done_before: Mapping[int, dt.date],
    groups: Mapping[int, Sequence[int]],
    names: Mapping[int, str],
    today: dt.date,
) -> list[Unreported]:
    """Lead units that owe a report on `period`: (task id, unit id, seq, task due) per lead assignment, a
    group standing for each of its members; `filed` (task id, unit id) already reported (not returned);
    `done_before` task id → end of the period in which it was reported done and accepted."""
    filed_set = set(filed)
    owed: dict[int, set[int]] = defaultdict(set)
    for task_id, unit_id, seq, task_due in leads:
        if task_due < period.start or done_before.get(task_id, dt.date.max) < period.start:
            continue
        for member in groups.get(unit_id) or [unit_id]:
            if (task_id, member) not in filed_set:
                owed[member].add(seq)
    overdue = today > period.due_date
    rows = [Unreported(u, names.get(u, str(u)), tuple(sorted(seqs)), overdue) for u, seqs in owed.items()]
    return sorted(rows, key=lambda r: (-len(r.seqs), r.name))


@dataclass(frozen=True)
class BurdenRow:
    """What one reporting period cost the units: reports filed, every step on them, co-unit input, notice
    answers written in that period's reporting window."""

    label: str
    reports: int
    steps: int
    returns: int
    co_inputs: int
    answers: int

    @property
    def total_steps(self) -> int:
        return self.steps + self.co_inputs + self.answers

    @property
    def steps_per_report(self) -> float:
        return round(self.steps / self.reports, 2) if self.reports else 0.0


def burden(
    periods: Sequence[tuple[int, str, dt.date]],
    *,
    reports: Mapping[int, int],
    steps: Mapping[int, int],
    returns: Mapping[int, int],
    co_inputs: Mapping[int, int],
    answered_on: Iterable[dt.date],
) -> list[BurdenRow]:
    """`periods` (id, label, end) in order; counts keyed by period id. A notice answer belongs to the latest
    period that ended before the answer was written (when that period's reports are being written)."""
    ordered = sorted(periods, key=lambda p: p[2])
    ends = [p[2] for p in ordered]
    answers: Counter[int] = Counter()
    for day in answered_on:
        i = bisect.bisect_left(ends, day) - 1
        if i >= 0:
            answers[ordered[i][0]] += 1
    return [
        BurdenRow(
            label,
            reports.get(pid, 0),
            steps.get(pid, 0),
            returns.get(pid, 0),
            co_inputs.get(pid, 0),
            answers[pid],
        )
        for pid, label, _end in ordered
        if reports.get(pid, 0) or steps.get(pid, 0) or co_inputs.get(pid, 0) or answers[pid]
    ]


@dataclass(frozen=True)
class Change:
    task_id: int
    before: str
    after: str

    @property
    def worse(self) -> bool:
        return SEVERITY.get(self.after, 9) < SEVERITY.get(self.before, 9)


def light_changes(before: Mapping[int, str], now: Mapping[int, str]) -> list[Change]:
    """Tasks whose light is not what it was a week ago, worse first."""
    out = [Change(t, old, now[t]) for t, old in before.items() if t in now and now[t] != old]
    return sorted(out, key=lambda c: (not c.worse, SEVERITY.get(c.after, 9), c.task_id))


def week_ago(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=7)


def by_light(colors: Mapping[int, str]) -> list[tuple[str, list[int]]]:
    """Task ids grouped by light, worst light first."""
    groups: dict[str, list[int]] = defaultdict(list)
    for task_id, color in colors.items():
        groups[color].append(task_id)
    return [(c, sorted(groups[c])) for c in sorted(groups, key=lambda c: SEVERITY.get(c, 9))]
