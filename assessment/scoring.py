"""A unit's score, point by point: pure functions of the unit's outcomes and the rubric.

Every point is a `Line` (task, rule, points, reason); the total is the sum of the lines, so an explanation
always adds up. Inputs are outcomes only (RULES.md rule 2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assessment.rubric import Rubric

DEPARTMENTS = "区直部门"
TOWNS = "镇（街道）"
OTHERS = "园区、企业及其他"


@dataclass(frozen=True)
class TaskOutcome:
    task_id: int
    seq: int
    role: str  # "lead" | "co"
    state: str  # "done" | "done_late" | "basically_done" | "adjusted" | "not_done"
    done_early: bool = False


@dataclass(frozen=True)
class Event:
    """Something that happened, as an allowed rubric input: ("report_late", task, "2026年3月报告逾期")."""

    input: str
    task_id: int | None
    reason: str
    role: str = "lead"


@dataclass(frozen=True)
class UnitInputs:
    unit_id: int
    tasks: tuple[TaskOutcome, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Line:
    task_id: int | None
    rule: str
    points: float
    reason: str


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    lines: tuple[Line, ...]
    components: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return round(sum(line.points for line in self.lines), 2)


STATE_WORDS = {
    "done": "按期完成",
    "done_late": "逾期完成",
    "basically_done": "基本完成",
    "adjusted": "经批准调整，未完成",
    "not_done": "未完成",
}


def _completion(inputs: UnitInputs, r: Rubric) -> list[Line]:
    weights = {"lead": r.lead_weight, "co": r.co_weight}
    factors = {
        "done": r.done,
        "done_late": r.done_late,
        "basically_done": r.basically_done,
        "adjusted": r.adjusted,
        "not_done": 0.0,
    }
    total_weight = sum(weights[t.role] for t in inputs.tasks)
    if not total_weight:
        return []
    lines = []
    for t in sorted(inputs.tasks, key=lambda t: t.seq):
        share = r.completion * weights[t.role] / total_weight
        points = round(share * factors[t.state], 2)
        role = "牵头" if t.role == "lead" else "配合"
        lines.append(
            Line(t.task_id, f"completion.{t.state}", points, f"第{t.seq}项（{role}）{STATE_WORDS[t.state]}")
        )
    return lines


PROCESS_RULES = {
    "report_late": "report_late",
    "report_missing": "report_missing",
    "summary_late": "summary_late",
    "summary_missing": "summary_missing",
    "false_report_confirmed": "false_report",
}
ESCALATION_RULES = {"notice": "notice", "interview": "interview", "criticised": "criticised"}


def _process(inputs: UnitInputs, r: Rubric) -> list[Line]:
    lines = [Line(None, "process.base", r.process, "过程管理基础分")]
    for e in inputs.events:
        if e.input in PROCESS_RULES:
            lines.append(Line(e.task_id, f"process.{e.input}", -getattr(r, PROCESS_RULES[e.input]), e.reason))
    spent = -sum(line.points for line in lines[1:])
    if spent > r.process:  # the part never goes below zero
        lines.append(Line(None, "process.floor", round(spent - r.process, 2), "过程管理扣分以本项分值为限"))
    return lines


def _escalations(inputs: UnitInputs, r: Rubric) -> list[Line]:
    lines = []
    for e in inputs.events:
        if e.input in ESCALATION_RULES:
            share = 1.0 if e.role == "lead" else r.co_escalation_share
            points = -round(getattr(r, ESCALATION_RULES[e.input]) * share, 2)
            lines.append(Line(e.task_id, f"escalation.{e.input}", points, e.reason))
    return lines


def _bonus(inputs: UnitInputs, r: Rubric) -> list[Line]:
    lines = [
        Line(t.task_id, "bonus.done_early", r.done_early, f"第{t.seq}项提前完成")
        for t in sorted(inputs.tasks, key=lambda t: t.seq)
        if t.done_early and t.state == "done" and t.role == "lead"
    ]
    for e in inputs.events:
        if e.input == "praised":
            lines.append(Line(e.task_id, "bonus.praised", r.praised, e.reason))
        elif e.input == "higher_incentive":
            lines.append(Line(e.task_id, "bonus.higher_incentive", r.higher_incentive, e.reason))
    earned = sum(line.points for line in lines)
    if earned > r.bonus_cap:
        lines.append(Line(None, "bonus.cap", round(r.bonus_cap - earned, 2), f"加分以{r.bonus_cap:g}分为限"))
    return lines


def _extra(inputs: UnitInputs, r: Rubric) -> list[Line]:
    lines = []
    for item in r.extra_items:
        for e in inputs.events:
            if e.input == item.get("input"):
                lines.append(
                    Line(e.task_id, f"extra.{item.get('name', e.input)}", float(item["points"]), e.reason)
                )
    return lines


def score(inputs: UnitInputs, rubric: Rubric) -> UnitScore:
    completion = _completion(inputs, rubric)
    process = _process(inputs, rubric)
    escalation = _escalations(inputs, rubric) + _extra(inputs, rubric)
    module = completion + process + escalation
    subtotal = sum(line.points for line in module)
    if any(e.input == "accountability" for e in inputs.events) and subtotal > rubric.accountability_cap:
        module.append(
            Line(
                None,
                "escalation.accountability_cap",
                round(rubric.accountability_cap - subtotal, 2),
                f"被问责，考核得分以{rubric.accountability_cap:g}分为限",
            )
        )
    bonus = _bonus(inputs, rubric)
    lines = tuple(module + bonus)
    components = {
        "completion": round(sum(line.points for line in completion), 2),
        "process": round(sum(line.points for line in process), 2),
        "escalation": round(
            sum(line.points for line in module) - sum(line.points for line in completion + process), 2
        ),
        "bonus": round(sum(line.points for line in bonus), 2),
    }
    return UnitScore(unit_id=inputs.unit_id, lines=_rounded(lines), components=components)


def _rounded(lines: Iterable[Line]) -> tuple[Line, ...]:
    return tuple(Line(x.task_id, x.rule, round(x.points, 2), x.reason) for x in lines)


def group_of(kind: str) -> str:
    if kind == "department":
        return DEPARTMENTS
    if kind == "town":
        return TOWNS
    return OTHERS


def ranks(totals: dict[int, float]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4): ties share a rank."""
    ordered = sorted(totals.items(), key=lambda kv: -kv[1])
    out: dict[int, int] = {}
    for i, (unit_id, total) in enumerate(ordered):
        if i and total == ordered[i - 1][1]:
            out[unit_id] = out[ordered[i - 1][0]]
        else:
            out[unit_id] = i + 1
    return out
