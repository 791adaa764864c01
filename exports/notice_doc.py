"""The 督办单 as a one-page A4 form in the 公文 layout (OFFICIAL-DOCS.md §2.2): the title in the level's
colour with its label (蓝色 / 黄色 / 红色督办), the 文号, a label-and-value table, and the 回执 at the foot."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from exports.layout import SIZE_3, SIZE_4, OfficialDocument, date_text

# level → (colour word, title colour): 1 the first notice, 2 the red one that comes with a 约谈, 3 and 4
# the proposals of accountability and referral, printed on the red form
LEVELS = {1: ("黄色", "C08000"), 2: ("红色", "FF0000"), 3: ("红色", "FF0000"), 4: ("红色", "FF0000")}
STEP = {1: "督办", 2: "督办并约谈", 3: "问责建议", 4: "移交纪委监委建议"}
BLUE = ("蓝色", "0070C0")


@dataclass(frozen=True)
class NoticeDocData:
    number: str
    region: str
    unit: str
    task_seq: int
    task_text: str
    reasons: list[str]
    level: int
    issued_on: dt.date
    answer_due: dt.date
    issuer: str


def render_notice(data: NoticeDocData) -> bytes:
    word, colour = LEVELS.get(data.level, BLUE if data.level <= 0 else LEVELS[2])
    doc = OfficialDocument()
    doc.title(f"{data.issuer}\n{word}督办单", colour)
    doc.centered(f"{data.number}", SIZE_3)
    reasons = "；".join(r.rstrip("。；") for r in data.reasons if r.strip()) or "进度滞后于序时要求"
    rows = [
        ["督办事项", f"{data.region}《政府工作报告》目标任务第{data.task_seq}项：{data.task_text}"],
        ["承办单位", data.unit],
        ["督办事由", reasons + "。"],
        [
            "办理要求",
            "请认真分析原因，明确整改措施和完成时限，经单位分管领导审核后，"
            f"于{date_text(data.answer_due)}前通过督办系统书面反馈办理情况。",
        ],
        ["反馈时限", date_text(data.answer_due)],
        ["督办等级", f"{word}督办（第{max(data.level, 1)}级，{STEP.get(data.level, '督办')}）"],
        ["督办单位", f"{data.issuer}　　{date_text(data.issued_on)}"],
    ]
    doc.table([], rows, (32, 124), size=SIZE_4, label_column=True)
    doc.centered("- - - - - - - - - - - - 回　执 - - - - - - - - - - - -", SIZE_4)
    doc.table([], [["承办单位签收人", ""], ["签收时间", ""]], (40, 116), size=SIZE_4, label_column=True)
    return doc.to_bytes()
