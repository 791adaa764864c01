"""The roster workbook (各单位分管领导和联络员回执表): writing the template and reading a filled one.

No database here (the column titles are the documents' own Chinese words, not UI strings): the template is written from rows the caller gives, and a filled workbook is read into
`RosterRow`s and row-numbered problems. Rows are numbered as the sheet shows them (第N行)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import IO, Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

SHEET = "回执表"
IDS_SHEET = "单位编号"
TEMPLATE_VERSION = "duban-roster-1"
COLUMNS = (
    "序号",
    "单位名称",
    "分管领导姓名",
    "分管领导职务",
    "分管领导手机",
    "联络员姓名",
    "联络员职务",
    "联络员手机",
    "联络员办公电话",
    "电子邮箱",
)
WIDTHS = (6, 30, 12, 14, 15, 12, 14, 15, 16, 26)
LEADER_TITLES = (
    "局长",
    "副局长",
    "主任",
    "副主任",
    "镇长",
    "副镇长",
    "主任（街道）",
    "总经理",
    "副总经理",
    "党组成员",
)
LIAISON_TITLES = ("科长", "副科长", "主任科员", "科员", "办公室主任", "办公室副主任", "干部")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_ROWS = 2000


@dataclass(frozen=True)
class UnitLine:
    """A unit as the template lists it, with the people the office knows today."""

    unit_id: int
    name: str
    leader: tuple[str, str, str] = ("", "", "")  # name, title, mobile
    liaison: tuple[str, str, str, str, str] = ("", "", "", "", "")  # name, title, mobile, office phone, email


@dataclass(frozen=True)
class PersonLine:
    name: str
    title: str
    mobile: str


@dataclass(frozen=True)
class RosterRow:
    sheet_row: int
    unit_name: str
    unit_id: int | None
    leader: PersonLine | None
    liaison: PersonLine | None
    office_phone: str
    email: str


@dataclass
class ReadResult:
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (sheet row, message); 0: the file
    ids_sheet: bool = False


def build_template(region_name: str, lines: list[UnitLine]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if ws is None:  # a new workbook always has one sheet; this keeps the type checker honest
        ws = wb.create_sheet()
    ws.title = SHEET
    ws.append([f"{region_name}各单位分管领导和联络员回执表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(list(COLUMNS))
    thin = Side(style="thin", color="999999")
    for col, width in enumerate(WIDTHS, start=1):
        cell = ws.cell(2, col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F4")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for i, line in enumerate(lines, start=1):
        ws.append([i, line.name, *line.leader, *line.liaison])
    last = 2 + len(lines)
    for row in ws.iter_rows(min_row=2, max_row=last, max_col=len(COLUMNS)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if cell.column in (5, 8, 9):
                cell.number_format = "@"  # mobile numbers as text: no 1.38E+10
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{max(last, 2)}"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    _validations(ws, last)
    ids = wb.create_sheet(IDS_SHEET)
    ids.append(["unit_id", "单位名称", TEMPLATE_VERSION])
    for line in lines:
        ids.append([line.unit_id, line.name])
    ids.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _validations(ws: Any, last: int) -> None:
    if last < 3:
        return
    units = DataValidation(type="list", formula1=f"={IDS_SHEET}!$B$2:$B${last - 1}", allow_blank=False)
    units.error = "请从名单中选择单位"
    ws.add_data_validation(units)
    units.add(f"B3:B{last}")
    for col, titles in (("D", LEADER_TITLES), ("G", LIAISON_TITLES)):
        dv = DataValidation(type="list", formula1='"' + ",".join(titles) + '"', allow_blank=True)
        dv.showErrorMessage = False  # a suggestion list: other titles are allowed
        ws.add_data_validation(dv)
        dv.add(f"{col}3:{col}{last}")
    for col in ("E", "H"):
        dv = DataValidation(type="textLength", operator="equal", formula1="11", allow_blank=True)
        dv.error = "手机号码应为11位数字"
        ws.add_data_validation(dv)
        dv.add(f"{col}3:{col}{last}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", str(value))


def _header_row(ws: Any) -> tuple[int, dict[str, int]] | None:
    for row in ws.iter_rows(min_row=1, max_row=15):
        names = {_text(c.value): c.column for c in row if c.value is not None and _text(c.value)}
        if "单位名称" in names and any("联络员" in n for n in names):
            return row[0].row, names
    return None


def _person(name: str, title: str, mobile: str) -> PersonLine | None:
    if not (name or mobile or title):
        return None
    return PersonLine(name=name, title=title, mobile=mobile)


def read(source: str | IO[bytes]) -> ReadResult:
    """Read a filled roster. Never raises for a bad workbook: problems come back as (row, message)."""
    result = ReadResult()
    try:
        wb = openpyxl.load_workbook(source, read_only=False, data_only=True)
    except Exception:  # any unreadable upload is one clear message, whatever openpyxl raised
        result.problems.append(
            (
                0,
                _(
                    "This file cannot be read: upload the roster downloaded from duban (.xlsx) once it is filled in."
                ),
            )
        )
        return result
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    found = _header_row(ws)
    if found is None:
        result.problems.append(
            (
                0,
                _(
                    "No header row found: the sheet needs columns such as 单位名称 and 联络员姓名; use the template."
                ),
            )
        )
        return result
    header, cols = found
    ids: dict[str, int] = {}
    if IDS_SHEET in wb.sheetnames:
        result.ids_sheet = True
        for unit_id, name, *_rest in wb[IDS_SHEET].iter_rows(min_row=2, values_only=True):
            if isinstance(unit_id, int | float) and name:
                ids[_text(name)] = int(unit_id)

    def cell(row: int, title: str) -> str:
        col = cols.get(title)
        return _text(ws.cell(row, col).value) if col else ""

    for r in range(header + 1, min(ws.max_row, header + MAX_ROWS) + 1):
        unit = cell(r, "单位名称")
        if not unit:
            continue
        result.rows.append(
            RosterRow(
                sheet_row=r,
                unit_name=unit,
                unit_id=ids.get(unit),
                leader=_person(cell(r, "分管领导姓名"), cell(r, "分管领导职务"), cell(r, "分管领导手机")),
                liaison=_person(cell(r, "联络员姓名"), cell(r, "联络员职务"), cell(r, "联络员手机")),
                office_phone=cell(r, "联络员办公电话"),
                email=cell(r, "电子邮箱"),
            )
        )
    return result


def check_row(row: RosterRow) -> list[str]:
    """What is wrong with one row on its own (the unit and duplicates are checked against the region)."""
    problems: list[str] = []
    if row.leader is None and row.liaison is None:
        return problems  # not returned yet: the unit keeps what it has
    for label, person in ((_("unit leader"), row.leader), (_("liaison"), row.liaison)):
        if person is None or not person.name:
            problems.append(_("the %(who)s's name is missing") % {"who": label})
        if person is None or not person.mobile:
            problems.append(_("the %(who)s's mobile number is missing") % {"who": label})
        elif not MOBILE.match(person.mobile):
            problems.append(
                _("the %(who)s's mobile “%(mobile)s” is not an 11-digit mobile number")
                % {"who": label, "mobile": person.mobile}
            )
    if row.email and not EMAIL.match(row.email):
        problems.append(_("the e-mail address “%(email)s” is not valid") % {"email": row.email})
    return problems
