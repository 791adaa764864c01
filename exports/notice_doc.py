"""The 督办单 as a .docx (a stand-in until the shared 公文 layout module replaces this file at merge)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.run import Run

RED_FROM_LEVEL = 2  # the L2 notice is the red 督办单
LEVEL_TITLES = {1: "督办通知单", 2: "督办通知单（红色）", 3: "问责建议", 4: "移交建议"}


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


def _font(run: Run, name: str, size: float, *, bold: bool = False, red: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if red:
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def render_notice(data: NoticeDocData) -> bytes:
    doc = Document()
    red = data.level >= RED_FROM_LEVEL
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(head.add_run(f"{data.issuer or data.region + '督查室'}"), "方正小标宋简体", 26, red=True)
    num = doc.add_paragraph()
    num.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(num.add_run(data.number), "仿宋_GB2312", 16)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(LEVEL_TITLES.get(data.level, "督办通知单")), "方正小标宋简体", 22, red=red)
    _font(doc.add_paragraph().add_run(f"{data.unit}："), "仿宋_GB2312", 16)
    body = (
        f"你单位牵头负责的{data.region}政府工作报告第{data.task_seq}项目标任务“{data.task_text}”，"
        f"经督查存在以下问题："
    )
    _font(doc.add_paragraph().add_run("　　" + body), "仿宋_GB2312", 16)
    for i, reason in enumerate(data.reasons, start=1):
        _font(doc.add_paragraph().add_run(f"　　{i}. {reason}"), "仿宋_GB2312", 16)
    ask = f"请于{_date(data.answer_due)}前将整改落实情况经分管领导审核后在督办系统中答复。"
    _font(doc.add_paragraph().add_run("　　" + ask), "仿宋_GB2312", 16)
    sign = doc.add_paragraph()
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(
        sign.add_run(f"{data.issuer or data.region + '督查室'}\n{_date(data.issued_on)}"), "仿宋_GB2312", 16
    )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
