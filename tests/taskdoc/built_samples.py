"""Word and Excel samples imitating how governments really issue their decomposition tables.

Each builder writes one document the way a particular kind of office lays it out (real merged cells,
several paragraphs in a cell, a header repeated after a page break, a title row merged above the header,
one sheet per section …). Its expected parse, written by hand, is `corpus/built/<name>.expected.json`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

Row = Sequence[str | int | None]  # Excel cells may hold numbers (a 序号 typed as 1)


# ---------------------------------------------------------------- Word helpers


def _document() -> Any:
    import docx

    return docx.Document()


def _docx_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set(cell: Any, value: str) -> None:
    """Cell text; each line of `value` becomes its own paragraph, as typed in Word."""
    first, *more = value.split("\n")
    cell.text = first
    for line in more:
        cell.add_paragraph(line)


def _word_table(document: Any, header: Row, rows: Sequence[Row]) -> Any:
    """A ruled table: a row of one value is a heading merged across; None merges with the cell above."""
    width = max(len(row) for row in (header, *rows))
    table = document.add_table(rows=1 + len(rows), cols=width)
    table.style = "Table Grid"
    for r, values in enumerate((header, *rows)):
        cells = table.rows[r].cells
        if len(values) == 1:
            merged = cells[0].merge(cells[width - 1])
            _set(merged, str(values[0]))
            continue
        for c, value in enumerate(values):
            if value is None:
                table.cell(r - 1, c).merge(table.cell(r, c))
            else:
                _set(cells[c], str(value))
    return table


def _page_break(document: Any) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# ---------------------------------------------------------------- Word samples


def county_notice_docx() -> bytes:
    """A county notice with its 文号, the 附件 line, then a table whose leader cells are merged down
    over several tasks, with section rows merged across and the header repeated after a page break."""
    document = _document()
    for line in (
        "石泉县人民政府办公室文件",
        "石政办发〔2025〕6号",
        "石泉县人民政府办公室",
        "关于印发2025年县政府工作报告重点工作任务分解方案的通知",
        "各镇人民政府，县政府各工作部门、直属机构：",
        "现将《2025年县政府工作报告重点工作任务分解方案》印发给你们，请结合实际认真抓好落实。",
        "石泉县人民政府办公室",
        "2025年2月18日",
        "附件",
        "2025年县政府工作报告重点工作任务分解表",
    ):
        document.add_paragraph(line)
    header = ("序号", "重点工作", "牵头单位", "配合单位", "责任领导", "完成时限")
    _word_table(
        document,
        header,
        [
            ("一、稳增长，推动经济量质齐升",),
            (
                "1",
                "全县生产总值增长6.5%以上。",
                "县发改局",
                "县统计局、县直有关单位",
                "张  强",
                "2025年12月底前",
            ),
            (
                "2",
                "规模以上工业增加值增长8%。\n新增规上工业企业10户以上。",
                "县工信局",
                "县发改局\n县统计局",
                None,
                "2025年12月底前",
            ),
            ("3", "实施重点项目80个，完成投资120亿元。", "县发改局", "各镇（街道）", None, "持续推进"),
            ("二、惠民生，办好民生实事",),
            (
                "4",
                "新增城镇就业1200人。",
                "县人社局",
                "各镇（街道）、县直有关单位",
                "李  华\n（副县长）",
                "2025年12月底前",
            ),
        ],
    )
    _page_break(document)
    _word_table(
        document,
        header,
        [
            (
                "5",
                "改造老旧小区12个。",
                "县住建局",
                "县财政局，县自然资源局",
                "李  华\n（副县长）",
                "6月底前",
            ),
        ],
    )
    document.add_paragraph("石泉县人民政府办公室                2025年2月18日印发")
    return _docx_bytes(document)


def city_two_row_header_docx() -> bytes:
    """A city table whose header spans two rows (责任单位 over 牵头单位 | 配合单位), row numbers
    printed as '1.' and '（2）', and two heading levels as rows merged across the table."""
    document = _document()
    document.add_paragraph("附件1")
    document.add_paragraph("2026年市政府工作报告目标任务责任分解表")
    table = document.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    top, sub = table.rows
    for i, word in enumerate(("序号", "工作任务", "责任单位", "", "分管市领导", "时间节点")):
        if word:
            top.cells[i].text = word
    top.cells[2].merge(top.cells[3])
    for i in (0, 1, 4, 5):
        top.cells[i].merge(sub.cells[i])
    sub.cells[2].text, sub.cells[3].text = "牵头单位", "配合单位"
    rows: list[Row] = [
        ("一、坚持创新驱动，加快建设现代化产业体系",),
        ("（一）做强先进制造业",),
        (
            "1.",
            "新增国家级专精特新“小巨人”企业5家。",
            "市工信局",
            "市科技局、各县（市、区）人民政府",
            "王卫东",
            "2026年12月底前",
        ),
        (
            "（2）",
            "推动数字经济核心产业增加值增长10%。",
            "市数据局",
            "市工信局，市统计局",
            "王卫东",
            "2026年12月底前",
        ),
        ("（二）壮大现代服务业",),
        (
            "3、",
            "社会消费品零售总额增长6%。",
            "市商务局",
            "市直各部门\n各县（市、区）人民政府",
            "陈  明",
            "全年",
        ),
    ]
    for values in rows:
        cells = table.add_row().cells
        if len(values) == 1:
            cells[0].merge(cells[5]).text = str(values[0])
            continue
        for cell, value in zip(cells, values, strict=True):
            _set(cell, str(value))
    return _docx_bytes(document)


def district_key_and_specific_docx() -> bytes:
    """A district table with a 重点工作 column merged down over the 具体任务 rows it groups, and the
    分管区领导 column placed before the units."""
    document = _document()
    document.add_paragraph("2025年度区政府重点工作任务分解表")
    header = ("序号", "重点工作", "具体任务", "分管区领导", "牵头责任单位", "协同责任单位")
    _word_table(
        document,
        header,
        [
            (
                "1",
                "优化营商环境",
                "深化“一网通办”改革，政务服务事项网上可办率达到98%。",
                "刘志刚",
                "区政务服务局",
                "区直各部门",
            ),
            ("2", None, "新增经营主体3000户以上。", "刘志刚", "区市场监管局", "各街道办事处"),
            ("3", "推进城市更新", "完成城中村改造3个。", "赵  敏", "区住建局", "区城管局、各街道办事处"),
            ("4", None, "新建口袋公园5个。", "赵  敏", "区城管局", ""),
        ],
    )
    return _docx_bytes(document)


def province_tables_per_section_docx() -> bytes:
    """A provincial division of labour: a heading paragraph before each section's own table, the
    units of a cell in several paragraphs and a 参与单位 column."""
    document = _document()
    document.add_paragraph("附件")
    document.add_paragraph("2024年省政府工作报告重点任务分工方案")
    header = ("序号", "重点任务", "牵头单位", "参与单位", "完成时间")
    document.add_paragraph("一、着力扩大有效需求")
    _word_table(
        document,
        header,
        [
            (
                "1",
                "全省固定资产投资增长6%左右。",
                "省发展改革委",
                "省直有关部门\n各市（州）人民政府",
                "2024年12月",
            ),
            (
                "2",
                "实施城市更新行动，新开工改造城镇老旧小区2000个。",
                "省住房城乡建设厅",
                "省财政厅、省自然资源厅",
                "2024年12月",
            ),
        ],
    )
    document.add_paragraph("二、加快建设现代化产业体系")
    _word_table(
        document,
        header,
        [
            ("3", "规模以上工业增加值增长7%。", "省工业和信息化厅", "省统计局", "2024年12月"),
        ],
    )
    return _docx_bytes(document)


def county_sections_split_over_cells_docx() -> bytes:
    """The title as the table's first row merged across it; section rows whose number sits in the
    序号 cell and whose words sit in the task cell; units marked （牵头）; a note on the first unit."""
    document = _document()
    document.add_paragraph("附件")
    header = ("序号", "工作任务", "责任单位（排第一位的为牵头单位）", "分管领导", "完成时限")
    _word_table(
        document,
        ("2025年县政府工作报告重点任务分解表",),
        [
            header,
            ("一", "扎实推进乡村全面振兴", "", "", ""),
            ("（一）", "稳定粮食生产", "", "", ""),
            (
                "1",
                "粮食播种面积稳定在45万亩以上。",
                "县农业农村局、县发改局、各乡镇人民政府",
                "王刚（常务副县长）",
                "2025年10月底前",
            ),
            (
                "2",
                "新建高标准农田3万亩。",
                "县财政局、县农业农村局（牵头）、县水利局",
                "王刚（常务副县长）",
                "2025年12月底前",
            ),
            ("二", "持续保障和改善民生", "", "", ""),
            (
                "3",
                "城乡居民医保参保率稳定在95%以上。",
                "县医保局\n县卫健委\n各乡镇人民政府",
                "李  梅",
                "长期坚持",
            ),
        ],
    )
    return _docx_bytes(document)


# ---------------------------------------------------------------- Excel samples


def _sheet_rows(sheet: Any, rows: Sequence[Row], *, width: int) -> None:
    """Append rows; a row of one value is merged across `width` columns."""
    for values in rows:
        sheet.append(list(values))
        if len(values) == 1:
            r = sheet.max_row
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)


def _xlsx_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def city_xlsx_title_and_remarks() -> bytes:
    """A city sheet: the title merged across the columns above the header, a 备注 column, units split
    by '；' and spaces, sections as merged rows, row numbers as numbers."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务分解"
    width = 7
    _sheet_rows(
        sheet,
        [
            ("临江市2025年政府工作报告重点任务分解表",),
            ("序号", "主要任务", "主要责任单位", "协办单位", "责任领导", "完成时限", "备注"),
            ("一、扩大有效投资",),
            (
                1,
                "全市固定资产投资增长7%。",
                "市发改委",
                "市统计局；市财政局",
                "孙立新",
                "2025年12月底前",
                "季度调度",
            ),
            (
                2,
                "争取超长期特别国债资金10亿元以上。",
                "市发改委 市财政局",
                "各县、市、区政府",
                "孙立新",
                "持续推进",
                None,
            ),
            ("二、提升城市品质",),
            (3, "新建改造城市道路20公里。", "市住建局", "市城管局", "周  静", "2025年10月底前", None),
        ],
        width=width,
    )
    return _xlsx_bytes(book)


def county_xlsx_sheet_per_section() -> bytes:
    """One sheet per section, each sheet named after its section, its own title row and header."""
    import openpyxl

    book = openpyxl.Workbook()
    width = 5
    sections = (
        (
            "一、产业发展",
            [
                (
                    "1",
                    "新建标准化厂房10万平方米。",
                    "县工信局",
                    "县住建局、县自然资源局",
                    "县委常委、副县长 王刚",
                ),
                ("2", "培育规上工业企业8家。", "县工信局", "各乡镇（街道）", "县委常委、副县长 王刚"),
            ],
        ),
        (
            "二、乡村振兴",
            [
                (
                    "3",
                    "建设高标准农田2万亩。",
                    "县农业农村局",
                    "县财政局、县水利局、各乡镇（街道）",
                    "副县长 陈芳",
                ),
            ],
        ),
    )
    for n, (name, rows) in enumerate(sections):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = name
        _sheet_rows(
            sheet,
            [
                ("2025年县政府工作报告目标任务分解表",),
                ("序号", "目标任务", "牵头单位", "参与单位", "分管县领导"),
                *rows,
            ],
            width=width,
        )
    return _xlsx_bytes(book)


def county_xlsx_two_row_header() -> bytes:
    """A header over two rows made of merged cells, the leader column before the task, (1)-style
    numbers in the 序号 cell, and a note that the first unit leads."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    rows: list[Row] = [
        ("2026年全县重点工作任务清单",),
        ("序号", "分管县领导", "任务内容", "责任单位", None, "完成时间"),
        (None, None, None, "牵头单位", "配合单位", None),
        (
            "（1）",
            "黄建国",
            "县城污水处理厂扩建工程年内投入运行。",
            "县住建局",
            "县生态环境局\n县水务局",
            "2026年12月底前",
        ),
        ("（2）", "黄建国", "新增城镇燃气管网30公里。", "县住建局", None, "2026年9月底前"),
        (
            "（3）",
            "吴  丽",
            "义务教育阶段新增学位2000个。",
            "县教育局",
            "县发改局、县财政局",
            "2026年8月底前",
        ),
    ]
    for values in rows:
        sheet.append(list(values))
    sheet.merge_cells("A1:F1")
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:C3")
    sheet.merge_cells("D2:E2")
    sheet.merge_cells("F2:F3")
    return _xlsx_bytes(book)


BUILDERS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "county_notice_docx": ("county.docx", county_notice_docx),
    "city_two_row_header_docx": ("city.docx", city_two_row_header_docx),
    "district_key_and_specific_docx": ("district.docx", district_key_and_specific_docx),
    "province_tables_per_section_docx": ("province.docx", province_tables_per_section_docx),
    "county_sections_split_over_cells_docx": ("sections.docx", county_sections_split_over_cells_docx),
    "city_xlsx_title_and_remarks": ("city.xlsx", city_xlsx_title_and_remarks),
    "county_xlsx_sheet_per_section": ("county.xlsx", county_xlsx_sheet_per_section),
    "county_xlsx_two_row_header": ("county2.xlsx", county_xlsx_two_row_header),
}
