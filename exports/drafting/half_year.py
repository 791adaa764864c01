"""半年评估 report: totals, "时间过半、任务过半", results by section from the units' summaries, the lagging
tasks with their reasons, the second half's supervision plan, and the evaluation table attached."""

from __future__ import annotations

import datetime as dt

from exports.drafting.bulletin import named, pct, public_reason
from exports.drafting.content import DRAFT_NUMBER, Content, number_prefix, office_name
from exports.drafting.facts import Facts, TaskFact
from exports.layout import Attachment
from exports.lights import AMBER, GREEN, RED, WORD

CONCLUSION = {GREEN: "序时推进", AMBER: "存在风险", RED: "滞后"}
CN_NUMBERS = "一二三四五六七八九十"
HALFWAY_PERCENT = 50  # "时间过半、任务过半": at least half done by mid-year


def conclusion(t: TaskFact) -> str:
    if t.done:
        return "已完成"
    return CONCLUSION.get(t.light, "未报送")


def results_by_section(facts: Facts) -> list[str]:
    sections: dict[str, list[TaskFact]] = {}
    for t in facts.tasks:
        if t.done or t.light == GREEN:
            sections.setdefault(t.section or "其他任务", []).append(t)
    lines = ["二、主要成效"]
    for i, (section, tasks) in enumerate(list(sections.items())[:10]):
        said = [(t.summary or t.progress).rstrip("。") for t in tasks if t.summary or t.progress][:2]
        text = "；".join(said) + "。" if said else f"{named(tasks, 3)}进展顺利。"
        lines.append(f"（{CN_NUMBERS[i]}）{section.lstrip('一二三四五六七八九十、（）')}。{text}")
    if len(lines) == 1:
        lines.append("上半年各项任务正在推进，成效待下半年进一步显现。")
    return lines


def draft(facts: Facts, *, today: dt.date) -> Content:
    w, region = facts.window, facts.plan.region
    total = len(facts.tasks)
    halfway = sum(1 for t in facts.tasks if t.done or (t.percent or 0) >= HALFWAY_PERCENT)
    lagging = [t for t in facts.tasks if t.light in (RED, AMBER)]
    lines = [
        f"根据年度目标任务督查工作安排，{office_name(region)}对{w.year}年{region.name}《政府工作报告》"
        f"{total}项目标任务上半年落实情况进行了评估，现将评估情况报告如下。",
        "一、总体评估",
        f"截至6月30日，{total}项任务中已完成{facts.count(GREEN) and sum(1 for t in facts.tasks if t.done)}项，"
        f"序时推进{sum(1 for t in facts.tasks if t.light == GREEN and not t.done)}项，"
        f"存在风险{facts.count(AMBER)}项，进度滞后{facts.count(RED)}项；"
        f"完成进度达到50%以上或已完成的{halfway}项，“时间过半、任务过半”比例为{pct(halfway, total)}。",
        *results_by_section(facts),
        "三、存在问题及原因",
    ]
    if lagging:
        for t in lagging:
            reason = "；".join(public_reason(r) for r in t.reasons) or "进度慢于序时要求"
            lines.append(f"第{t.seq}项“{t.short}”（{t.leads}牵头）：{reason}。")
    else:
        lines.append("上半年未发现明显滞后的任务。")
    red = [t for t in facts.tasks if t.light == RED]
    lines += [
        "四、下半年工作建议",
        "一是对滞后任务实行清单化督办。"
        + (
            f"建议对{named(red, 6)}下发督办单，明确整改时限，整改不力的按程序提请约谈。"
            if red
            else "对存在风险的任务加强跟踪提醒。"
        ),
        "二是加强统筹调度。各牵头单位要倒排下半年工作计划，配合单位要主动对接，形成工作合力。",
        "三是严格年度考核。评估结果纳入年度绩效考核，确保全年目标任务全面完成。",
    ]
    rows = [
        [
            str(t.seq),
            t.text,
            t.leads,
            t.summary or t.progress,
            "" if t.percent is None else f"{t.percent}%",
            conclusion(t),
            WORD.get(t.light, ""),
        ]
        for t in facts.tasks
    ]
    return Content(
        kind="half_year",
        organ=office_name(region),
        number=number_prefix(region) + DRAFT_NUMBER.format(year=w.year),
        title=f"关于{w.year}年{region.name}《政府工作报告》目标任务上半年落实情况的评估报告",
        addressee=f"{region.name}人民政府",
        body="\n".join(lines),
        date=today,
        attachments=[
            Attachment(
                f"{w.year}年上半年目标任务落实情况评估表",
                ["序号", "具体任务", "牵头单位", "上半年进展", "完成进度", "评估结论", "亮灯"],
                rows,
                (10, 40, 20, 48, 12, 14, 10),
            )
        ],
    )
