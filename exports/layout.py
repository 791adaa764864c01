"""The 公文 layout (GB/T 9704-2012) every document duban writes uses: one builder, python-docx underneath.

A4; white edges 37 mm top, 28 mm left, 26 mm right, 35 mm bottom; 22 lines of 28 characters in 3号仿宋;
the red 发文机关标志 35 mm below the top of the type area; the 文号 and the red separator line; the title in
2号小标宋; headings 黑体 (一、) and 楷体 (（一）); page numbers "— 1 —" in 4号宋体, odd pages on the right and
even pages on the left, one character in; attachments on a new page with tables whose header row repeats.

Fonts are named as an office's Word names them (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) through
`w:eastAsia`, in the styles and on each run; `exports/fonts/duban-gongwen.conf` maps them to the free CJK
fonts `bin/ensure-system-packages` installs when LibreOffice makes the PDF. Measurements behind the numbers:
`../shared/OFFICIAL-DOCS.md` §1.4.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

# Faces (the names an office's Word knows; fallbacks are mapped at rendering time).
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"

# Sizes in half-points (w:sz): 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
SIZE_2 = 44
SIZE_3 = 32
SIZE_4 = 28
SIZE_SMALL_4 = 24

# Page, in twips (1 mm = 56.7 twips).
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
LINE = 579  # 28.95 pt: 22 lines fill the 225 mm type area
CHAR = 320  # one 3号 character
FOOTER_DISTANCE = 1383  # 24.4 mm: the page number's dashes sit 7 mm below the type area
RED = "FF0000"

HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")


def _set(parent: Any, tag: str, **attrs: str) -> Any:  # lxml elements of python-docx: untyped
    """The child `tag` of `parent` (created when missing) with the given w: attributes."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _fonts(rpr: Any, east_asia: str, latin: str = LATIN) -> None:
    _set(rpr, "w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def _run_props(run_element: Any) -> Any:
    rpr = run_element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_element.insert(0, rpr)
    return rpr


def _exact(paragraph: Paragraph, twips: int = LINE) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Twips(twips)
    fmt.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _indent(paragraph: Paragraph, *, first_chars: int = 0, left_chars: int = 0, right_chars: int = 0) -> None:
    """Indents in characters, written both as chars (Word, WPS) and twips (LibreOffice ignores chars)."""
    ppr = paragraph._p.get_or_add_pPr()
    ind = _set(ppr, "w:ind")
    for key, chars in (("firstLine", first_chars), ("left", left_chars), ("right", right_chars)):
        ind.set(qn(f"w:{key}Chars"), str(chars * 100))
        ind.set(qn(f"w:{key}"), str(chars * CHAR))


@dataclass(frozen=True)
class Attachment:
    """An attached table: 附件N on a new page, its title, and rows under a header that repeats per page."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths_mm: Sequence[float] = ()


@dataclass(frozen=True)
class Letterhead:
    """The 版头: the issuing organ's red name and the document number above the red line."""

    organ: str
    number: str = ""


class OfficialDocument:
    """Builds one document top to bottom: head, title, addressee, body, attachment note, signature,
    then the attachments. `to_bytes()` gives the .docx."""

    def __init__(self) -> None:
        self._document: Any = Document()  # python-docx's Document object has no public type
        self._page()
        self._styles()
        self._page_numbers()
        body = self._document.element.body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)

    # ---- page and styles ------------------------------------------------------------------------------

    def _page(self) -> None:
        section = self._document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
        section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
        section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
        section.header_distance = Twips(851)
        section.footer_distance = Twips(FOOTER_DISTANCE)
        grid = _set(section._sectPr, "w:docGrid", type="lines", linePitch=str(LINE))
        grid.attrib.pop(qn("w:charSpace"), None)

    def _styles(self) -> None:
        styles = self._document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts(rpr_default, FANGSONG)
        _set(rpr_default, "w:sz", val=str(SIZE_3))
        _set(rpr_default, "w:szCs", val=str(SIZE_3))
        _set(rpr_default, "w:lang", val="en-US", eastAsia="zh-CN")
        normal = styles["Normal"]
        rpr = normal.element.get_or_add_rPr()
        _fonts(rpr, FANGSONG)
        _set(rpr, "w:sz", val=str(SIZE_3))
        _set(rpr, "w:szCs", val=str(SIZE_3))
        _set(rpr, "w:spacing", val="-5")  # 28 characters per line instead of 27 (measured)
        ppr = normal.element.get_or_add_pPr()
        _set(ppr, "w:widowControl", val="0")  # LibreOffice leaves 21-line pages otherwise
        _set(ppr, "w:spacing", line=str(LINE), lineRule="exact", before="0", after="0")
        _set(ppr, "w:jc", val="both")

    def _page_numbers(self) -> None:
        """ "— 1 —" in 4号宋体; odd pages right, even pages left, one character in."""
        self._document.settings.odd_and_even_pages_header_footer = True
        section = self._document.sections[0]
        for footer, align, side in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
        ):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = align
            _set(p._p.get_or_add_pPr(), "w:ind", **{side: "280"})
            self._text(p, "— ", SONGTI, SIZE_4)
            self._field(p, "PAGE")
            self._text(p, " —", SONGTI, SIZE_4)

    # ---- runs -----------------------------------------------------------------------------------------

    def _text(self, paragraph: Paragraph, text: str, face: str, size: int, color: str | None = None) -> None:
        run = paragraph.add_run(text)
        rpr = _run_props(run._r)
        _fonts(rpr, face, LATIN if face == FANGSONG else face)
        _set(rpr, "w:sz", val=str(size))
        _set(rpr, "w:szCs", val=str(size))
        if color:
            run.font.color.rgb = RGBColor.from_string(color)

    def _field(self, paragraph: Paragraph, instruction: str) -> None:
        for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None), ("text", "1")):
            run = paragraph.add_run()
            rpr = _run_props(run._r)
            _fonts(rpr, SONGTI, SONGTI)
            _set(rpr, "w:sz", val=str(SIZE_4))
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            elif kind == "text":
                run._r.append(_t(text or ""))
            else:
                _fld(run._r, kind)
        end = paragraph.add_run()
        _fld(end._r, "end")

    def _paragraph(self, *, align: WD_ALIGN_PARAGRAPH | None = None, line: int = LINE) -> Paragraph:
        p: Paragraph = self._document.add_paragraph()
        _exact(p, line)
        if align is not None:
            p.alignment = align
        return p

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self._paragraph()

    # ---- the parts of a document, top to bottom ---------------------------------------------------------

    def letterhead(self, head: Letterhead) -> None:
        """发文机关标志 35 mm below the top of the type area, 文号 two lines lower, the red line 4 mm under it."""
        self.blank(3)
        size_pt = max(22, min(36, int(440 / max(len(head.organ), 1))))
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, line=int(size_pt * 20 * 1.25))
        self._text(p, head.organ, XIAOBIAOSONG, size_pt * 2, RED)
        self.blank(2)
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
        self._text(p, head.number, FANGSONG, SIZE_3)
        _set(p._p.get_or_add_pPr(), "w:pBdr")
        border = _set(p._p.get_or_add_pPr().find(qn("w:pBdr")), "w:bottom")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "6"), ("color", RED)):
            border.set(qn(f"w:{key}"), value)
        self.blank(2)

    def title(self, text: str, color: str | None = None) -> None:
        """2号小标宋, centred; long titles wrap on the 28.95 pt grid."""
        for line in text.split("\n"):
            p = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, line=int(LINE * 1.2))
            self._text(p, line, XIAOBIAOSONG, SIZE_2, color)
        self.blank()

    def centered(self, text: str, size: int = SIZE_3) -> None:
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
        self._text(p, text, FANGSONG, size)

    def addressee(self, text: str) -> None:
        if text.strip():
            p = self._paragraph()
            self._text(p, text.strip().rstrip("：:") + "：", FANGSONG, SIZE_3)

    def body(self, text: str) -> None:
        """The editable prose: one paragraph per line; 一、 lines in 黑体, （一） openings in 楷体."""
        for raw in text.splitlines():
            line = raw.strip()
            if line:
                self.paragraph(line)

    def paragraph(self, text: str) -> None:
        p = self._paragraph()
        _indent(p, first_chars=2)
        if HEADING_1.match(text) and "。" not in text.rstrip("。"):
            self._text(p, text, HEITI, SIZE_3)
        elif HEADING_2.match(text):
            head, sep, rest = text.partition("。")
            self._text(p, head + sep, KAITI, SIZE_3)
            if rest:
                self._text(p, rest, FANGSONG, SIZE_3)
        else:
            self._text(p, text, FANGSONG, SIZE_3)

    def attachment_note(self, titles: Sequence[str]) -> None:
        """附件：1.×× — one blank line below the body, two characters in, no punctuation after a name."""
        if not titles:
            return
        self.blank()
        for i, name in enumerate(titles, start=1):
            p = self._paragraph()
            if len(titles) == 1:
                _indent(p, first_chars=2)
                self._text(p, f"附件：{name}", FANGSONG, SIZE_3)
            elif i == 1:
                _indent(p, first_chars=2)
                self._text(p, f"附件：{i}.{name}", FANGSONG, SIZE_3)
            else:
                _indent(p, first_chars=5)
                self._text(p, f"{i}.{name}", FANGSONG, SIZE_3)

    def signature(self, organ: str, date_text: str) -> None:
        """Unsealed: the organ two characters from the right, the date under it, starting two characters
        further right than the organ's first character."""
        self.blank(2)
        date_len = len(date_text)
        organ_indent = max(2, 2 + date_len - len(organ) - 2) if len(organ) < date_len else 2
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT)
        _indent(p, right_chars=organ_indent)
        self._text(p, organ, FANGSONG, SIZE_3)
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT)
        _indent(p, right_chars=max(0, organ_indent + len(organ) - 2 - date_len))
        self._text(p, date_text, FANGSONG, SIZE_3)

    def note(self, text: str) -> None:
        """附注, e.g. （此件公开发布） or the contact line."""
        p = self._paragraph()
        _indent(p, first_chars=2)
        self._text(p, f"（{text.strip('（）()')}）", FANGSONG, SIZE_3)

    def attachments(self, items: Sequence[Attachment]) -> None:
        numbered = len(items) > 1
        for i, item in enumerate(items, start=1):
            p = self._paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            self._text(p, f"附件{i}" if numbered else "附件", HEITI, SIZE_3)
            self.blank()
            p = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, line=int(LINE * 1.2))
            self._text(p, item.title, XIAOBIAOSONG, SIZE_2)
            self.blank()
            self.table(item.header, item.rows, item.widths_mm)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float] = (),
        *,
        size: int = SIZE_SMALL_4,
        label_column: bool = False,
    ) -> Table:
        """A bordered table; the header row repeats on every page and no row splits across pages."""
        n = max(len(header), max((len(r) for r in rows), default=0))
        table: Table = self._document.add_table(rows=0, cols=n)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = list(widths_mm) or [156 / n] * n
        table.autofit = False
        for col, grid_col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
            grid_col.set(qn("w:w"), str(int(widths[col] * 56.7)))
        all_rows = ([list(header)] if header else []) + [list(r) for r in rows]
        for index, values in enumerate(all_rows):
            row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
            trpr = row._tr.get_or_add_trPr()
            _set(trpr, "w:cantSplit")
            if header and index == 0:
                _set(trpr, "w:tblHeader")
            for col, cell in enumerate(row.cells):
                cell.width = Twips(int(widths[col] * 56.7))
                value = values[col] if col < len(values) else ""
                p = cell.paragraphs[0]
                _exact(p, int(size * 10 * 1.5))
                is_label = (header and index == 0) or (label_column and col == 0)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if is_label else WD_ALIGN_PARAGRAPH.LEFT
                self._text(p, str(value), HEITI if header and index == 0 else FANGSONG, size)
        return table

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self._document.save(out)
        return out.getvalue()


def _t(text: str) -> Any:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    return t


def _fld(run_element: Any, kind: str) -> None:
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    run_element.append(fld)


def date_text(day: dt.date) -> str:
    """成文日期: 2026年6月17日 (year in full, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
