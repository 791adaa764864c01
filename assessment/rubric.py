"""The 100-point rubric (RULES.md) as data, and the limits it may never cross.

Every number may be changed by the office for a region and year before the result is frozen. What the
rubric may *score* is fixed: outcomes only. An item that would score attachments, word counts, logins,
meetings, leaders' instructions (批示) or media coverage is refused, with the reason (RULES.md rule 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The inputs a rubric item may read: outcomes of tasks and of the supervision loop.
ALLOWED_INPUTS = frozenset(
    {
        "task_done",
        "task_done_late",
        "task_basically_done",
        "task_adjusted",
        "task_not_done",
        "report_late",
        "report_missing",
        "summary_late",
        "summary_missing",
        "false_report_confirmed",
        "notice",
        "interview",
        "criticised",
        "accountability",
        "done_early",
        "praised",
        "higher_incentive",
    }
)
# Inputs a supervision office has asked for elsewhere and duban refuses (the 2024 rules against formalism).
FORBIDDEN_INPUTS = {
    "attachments": "附件或照片的数量不能计分（留痕不等于实绩）",
    "photos": "附件或照片的数量不能计分（留痕不等于实绩）",
    "word_count": "字数不能计分（100–150字的上下限之外）",
    "logins": "登录、点击、在线时长不能计分（不搞“指尖上的形式主义”）",
    "clicks": "登录、点击、在线时长不能计分（不搞“指尖上的形式主义”）",
    "online_time": "登录、点击、在线时长不能计分（不搞“指尖上的形式主义”）",
    "meetings": "开会次数不能计分（以会议落实会议）",
    "documents_issued": "发文数量不能计分（以文件落实文件）",
    "instructions": "领导批示不能计分",
    "media": "媒体报道不能计分",
}


@dataclass(frozen=True)
class Rubric:
    completion: float = 70.0
    process: float = 30.0
    lead_weight: float = 1.0
    co_weight: float = 0.5
    done: float = 1.0
    done_late: float = 0.8
    basically_done: float = 0.8
    basically_done_percent: int = 90
    adjusted: float = 0.5
    report_late: float = 0.2
    report_missing: float = 1.0
    summary_late: float = 2.0
    summary_missing: float = 5.0
    false_report: float = 5.0
    notice: float = 1.0
    interview: float = 2.0
    criticised: float = 1.0
    co_escalation_share: float = 0.5
    accountability_cap: float = 60.0
    done_early: float = 0.5
    praised: float = 1.0
    higher_incentive: float = 2.0
    bonus_cap: float = 5.0
    grades: tuple[tuple[str, float], ...] = (("优秀", 90.0), ("良好", 80.0), ("合格", 60.0))
    fail_grade: str = "不合格"
    extra_items: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def grade(self, total: float) -> str:
        for name, cut in self.grades:
            if total >= cut:
                return name
        return self.fail_grade


NUMBER_FIELDS = tuple(name for name, f in Rubric.__dataclass_fields__.items() if f.type in ("float", "int"))


class RubricError(ValueError):
    """A rubric the office may not save; the message says why."""


def from_data(data: dict[str, Any] | None) -> Rubric:
    """A rubric from stored data: numbers override the defaults; extra items are checked for their input."""
    data = dict(data or {})
    values: dict[str, Any] = {}
    for name in NUMBER_FIELDS:
        if name in data:
            value = float(data[name])
            if value < 0 or value > 100:
                raise RubricError(f"“{name}”应在0到100之间")
            values[name] = value
    if "basically_done_percent" in values:
        values["basically_done_percent"] = int(values["basically_done_percent"])
    items = tuple(data.get("extra_items") or ())
    for item in items:
        source = str(item.get("input", ""))
        if source in FORBIDDEN_INPUTS:
            raise RubricError(f"考核项“{item.get('name', source)}”不能保存：{FORBIDDEN_INPUTS[source]}。")
        if source not in ALLOWED_INPUTS:
            raise RubricError(f"考核项“{item.get('name', source)}”的计分依据“{source}”不是任务或督办结果。")
    return Rubric(**values, extra_items=items)
