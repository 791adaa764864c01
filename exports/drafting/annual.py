"""年度考核 result notice.

Scores come from the assessment app (not built yet). Its input to this document is a list of `UnitScore`,
one per unit, passed as `scores=` to `exports.drafting.draft_content("annual", …)` (and, once the app
exists, read from it in `exports.documents.draft_document`). Without scores the notice states the tasks'
completion and leaves the result table for the office to fill in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from exports.drafting.bulletin import named, pct
from exports.drafting.content import DRAFT_NUMBER, Content, number_prefix, office_name
from exports.drafting.facts import Facts
from exports.drafting.half_year import conclusion
from exports.layout import Attachment
from exports.lights import RED

GRADES = ("优秀", "良好", "合格", "不合格")


@dataclass(frozen=True)
class UnitScore:
    """One unit's yearly result, as the assessment app will hand it over."""

    unit: str
    group: str  # peer group: 区直部门, 镇（街道）, 园区/国企/其他
    total: float
    grade: str  # one of GRADES
    rank: int | None = None  # within the group
    notes: str = ""  # 加扣分事由


def draft(facts: Facts, *, today: dt.date, scores: Sequence[UnitScore] | None) -> Content:
    w, region = facts.window, facts.plan.region
    total = len(facts.tasks)
    done = [t for t in facts.tasks if t.done]
    undone = [t for t in facts.tasks if not t.done]
    lines = [
        f"根据年度目标任务考核工作安排，{office_name(region)}对{w.year}年{region.name}《政府工作报告》"
        f"{total}项目标任务的完成情况进行了年度考核，现将考核结果通报如下。",
        "一、任务完成情况",
        f"{total}项目标任务中，已完成{len(done)}项，完成率{pct(len(done), total)}；未完成{len(undone)}项"
        + (
            f"，其中{named([t for t in undone if t.light == RED], 6)}全年进度滞后"
            if any(t.light == RED for t in undone)
            else ""
        )
        + "。",
        "二、考核结果",
    ]
    attachments = []
    if scores:
        for grade in GRADES:
            units = [s.unit for s in scores if s.grade == grade]
            if units:
                lines.append(f"评定为“{grade}”等次的单位（{len(units)}个）：{'、'.join(units)}。")
        attachments.append(
            Attachment(
                f"{w.year}年度目标任务考核结果汇总表",
                ["序号", "单位名称", "单位类别", "最终得分", "类别内排名", "等次", "加扣分事由"],
                [
                    [
                        str(i),
                        s.unit,
                        s.group,
                        f"{s.total:.1f}",
                        "" if s.rank is None else str(s.rank),
                        s.grade,
                        s.notes,
                    ]
                    for i, s in enumerate(scores, start=1)
                ],
                (10, 34, 20, 16, 16, 12, 46),
            )
        )
    else:
        lines.append("各单位考核得分和等次待考核评分确定后填入，并作为附件印发。")
    lines += [
        "三、有关要求",
        "考核结果纳入各单位年度绩效考核。未完成任务的牵头单位要认真分析原因，制定整改措施，"
        "于15个工作日内将整改情况书面报区政府督查室。",
    ]
    attachments.append(
        Attachment(
            f"{w.year}年度目标任务完成情况表",
            ["序号", "具体任务", "牵头单位", "完成进度", "评定"],
            [
                [str(t.seq), t.text, t.leads, "" if t.percent is None else f"{t.percent}%", conclusion(t)]
                for t in facts.tasks
            ],
            (12, 70, 30, 18, 24),
        )
    )
    return Content(
        kind="annual",
        organ=office_name(region),
        number=number_prefix(region) + DRAFT_NUMBER.format(year=w.year),
        title=f"关于{w.year}年度{region.name}《政府工作报告》目标任务考核结果的通报",
        addressee="各镇人民政府（街道办事处），区直各有关单位",
        body="\n".join(lines),
        date=today,
        attachments=attachments,
    )
