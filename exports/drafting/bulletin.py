"""季度通报: written from the data by rules. Counts by light, what is done, praise of named tasks,
criticism of named tasks (never a league table of units), next steps, and the task table attached."""

from __future__ import annotations

import datetime as dt
import re

from exports.drafting.content import DRAFT_NUMBER, Content, number_prefix, office_name
from exports.drafting.facts import Facts, TaskFact, criticised, on_track
from exports.layout import Attachment
from exports.lights import AMBER, GREEN, GREY, RED, WORD

LISTED = 8  # tasks named in a sentence before "等N项"


def pct(n: int, total: int) -> str:
    return f"{n * 100 / total:.1f}%" if total else "0%"


def named(tasks: list[TaskFact], limit: int = LISTED) -> str:
    words = [f"第{t.seq}项“{t.short}”（{t.leads}）" for t in tasks[:limit]]
    more = f"等{len(tasks)}项" if len(tasks) > limit else ""
    return "、".join(words) + more


def overall(facts: Facts) -> list[str]:
    w = facts.window
    total = len(facts.tasks)
    done = [t for t in facts.tasks if t.done]
    unreported = sum(1 for t in facts.tasks if not t.light)
    counts = (
        f"截至{w.end.month}月{w.end.day}日，{total}项目标任务中，已完成{len(done)}项，占{pct(len(done), total)}；"
        f"亮绿灯（序时推进或已完成）{facts.count(GREEN)}项，占{pct(facts.count(GREEN), total)}；"
        f"亮黄灯（存在风险）{facts.count(AMBER)}项，占{pct(facts.count(AMBER), total)}；"
        f"亮红灯（进度滞后）{facts.count(RED)}项，占{pct(facts.count(RED), total)}"
    )
    if facts.count(GREY):
        counts += f"；经批准调整的{facts.count(GREY)}项不计入亮灯"
    if unreported:
        counts += f"；尚未报送进展{unreported}项"
    lines = ["一、总体情况", counts + "。"]
    if done:
        lines.append(f"已完成的任务有：{named(done)}。")
    going = on_track(facts)
    if going:
        lines.append(f"{named(going, 5)}按序时进度推进，取得阶段性成效。")
    return lines


def praise(facts: Facts) -> list[str]:
    """Each praised task once, with all its praised units; praise of a unit as a whole after them."""
    lines = ["二、通报表扬"]
    by_id = facts.by_id()
    units_of: dict[int, list[str]] = {}
    reason_of: dict[int, str] = {}
    whole_units: list[str] = []
    for p in facts.praise:
        task = by_id.get(p.task_id) if p.task_id else None
        if task is None:
            whole_units.append(f"{p.unit_name}（{'，'.join(p.reasons) or '各项任务均按序时推进'}）")
            continue
        if task.light == RED:  # not praised in the bulletin that criticises it
            continue
        units_of.setdefault(task.task_id, [])
        if p.unit_name not in units_of[task.task_id]:
            units_of[task.task_id].append(p.unit_name)
        said = [re.sub(r"^第\d+项任务", "", r).strip() for r in p.reasons if r.strip()]
        reason_of.setdefault(task.task_id, "，".join(said) or "工作成效明显")
    items = [
        f"{'、'.join(units)}牵头的第{by_id[tid].seq}项“{by_id[tid].short}”{reason_of[tid]}"
        for tid, units in sorted(units_of.items(), key=lambda kv: by_id[kv[0]].seq)
    ]
    if items:
        lines.append("对以下任务予以通报表扬：" + "；".join(items) + "。")
    if whole_units:
        lines.append("对以下单位予以通报表扬：" + "；".join(whole_units) + "。")
    if items or whole_units:
        lines.append("希望受表扬的单位再接再厉，巩固成果。")
    else:
        lines.append("本季度暂无提请通报表扬的事项。")
    return lines


def public_reason(reason: str) -> str:
    """A light's reason as a bulletin says it: a person's setting without the who-and-when bracket."""
    text = reason.strip().rstrip("。")
    if text.startswith("人工认定") and "：" in text:
        text = text.split("：", 1)[1]
        text = re.sub(r"（[^（）]*\d{4}-\d{2}-\d{2}）$", "", text)
    return text


def criticism(facts: Facts) -> list[str]:
    lines = ["三、存在问题"]
    red = criticised(facts)
    if not red:
        lines.append("本季度各项任务均未亮红灯，但部分任务进度仍需加快，各单位不可松懈。")
        return lines
    lines.append(
        f"本季度共有{len(red)}项任务亮红灯，个别单位存在重视程度不够高、责任压实不到位、工作推进不够有力等问题，"
        "现予以通报批评："
    )
    for t in red:
        reason = "；".join(public_reason(r) for r in t.reasons) or "进度滞后于序时要求"
        lines.append(f"由{t.leads}牵头的第{t.seq}项“{t.short}”，{reason}。")
    return lines


def next_steps(facts: Facts) -> list[str]:
    red, amber = facts.count(RED), facts.count(AMBER)
    return [
        "四、下一步工作要求",
        "一是锚定时限狠抓落实。各牵头单位要对照目标任务和时间节点，倒排工期、挂图作战，确保全年任务按期完成。",
        (
            f"二是查找原因精准施策。亮红灯的{red}项、亮黄灯的{amber}项任务的牵头单位要认真剖析原因，"
            "明确整改措施和完成时限，于下一报送期前报区政府督查室。"
            if red or amber
            else "二是巩固成果持续发力。各牵头单位要保持工作力度，防止任务进度出现反复。"
        ),
        "三是强化督查问效。区政府督查室将对亮红灯任务开展“回头看”，对整改不力的下发督办单，"
        "必要时提请约谈责任人。",
    ]


def table(facts: Facts) -> Attachment:
    rows = [
        [
            str(t.seq),
            t.text,
            t.leads,
            WORD.get(t.light, "未报"),
            "" if t.percent is None else f"{t.percent}%",
            t.progress,
        ]
        for t in facts.tasks
    ]
    return Attachment(
        f"{facts.window.year}年{facts.window.label}目标任务落实情况表",
        ["序号", "任务", "牵头单位", "亮灯", "完成进度", "进展情况"],
        rows,
        (11, 46, 22, 11, 14, 52),
    )


def draft(facts: Facts, *, today: dt.date) -> Content:
    plan, w = facts.plan, facts.window
    region = plan.region
    basis = f"《{plan.title}》" + (f"（{plan.doc_number}）" if plan.doc_number else "")
    opening = (
        f"按照{basis}要求，{office_name(region)}对{w.year}年{w.label}{region.name}《政府工作报告》"
        f"{len(facts.tasks)}项目标任务落实情况进行了跟踪督查，现将有关情况通报如下。"
    )
    lines = [opening, *overall(facts), *praise(facts), *criticism(facts), *next_steps(facts)]
    return Content(
        kind="bulletin",
        organ=office_name(region),
        number=number_prefix(region) + DRAFT_NUMBER.format(year=w.year),
        title=f"关于{w.year}年{w.label}{region.name}《政府工作报告》目标任务落实情况的通报",
        addressee="各镇人民政府（街道办事处），区直各有关单位",
        body="\n".join(lines),
        date=today,
        attachments=[table(facts)],
    )
