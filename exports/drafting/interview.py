"""约谈 record: drafted for a red task before the talk; the office completes it after (who spoke, what was
agreed). The people and place are left as blanks to fill in."""

from __future__ import annotations

import datetime as dt

from exports.drafting.bulletin import public_reason
from exports.drafting.content import Content, office_name
from exports.drafting.facts import Facts, TaskFact


def draft(facts: Facts, task: TaskFact, *, today: dt.date) -> Content:
    region = facts.plan.region
    reasons = "；".join(public_reason(r) for r in task.reasons) or "进度滞后于序时要求"
    lines = [
        "约谈时间：    年  月  日",
        "约谈地点：",
        f"约谈人：{region.name}人民政府分管领导，{office_name(region)}负责同志",
        f"被约谈人：{task.leads}主要负责同志、分管领导",
        "记录人：",
        "一、约谈事由",
        f"{facts.window.year}年{region.name}《政府工作报告》目标任务第{task.seq}项“{task.text}”由{task.leads}牵头，"
        f"{reasons}。经下发督办单后仍未改观，依据督查督办有关规定进行约谈。",
        "二、约谈内容",
        "（一）被约谈单位说明情况。",
        "（二）约谈人指出问题并提出要求。",
        "三、整改要求",
        "被约谈单位要于10个工作日内报送整改方案，明确整改措施、责任人和完成时限，一个月内报送整改情况。"
        f"{office_name(region)}将跟踪问效，整改不力的按程序提出问责建议。",
    ]
    return Content(
        kind="interview",
        organ=office_name(region),
        title=f"关于第{task.seq}项目标任务推进滞后的约谈记录",
        addressee="",
        body="\n".join(lines),
        date=today,
        number="",
    )
