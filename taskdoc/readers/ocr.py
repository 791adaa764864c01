"""Scanned PDFs (no text layer): each page rendered, its ruling lines found, the text read by Tesseract.

Each page is rendered at 200 dpi in grey. Ruling lines are the long runs of dark pixels along a pixel
row or column (a stroke of a character is far shorter); they become the edges of a page that the PDF
reader's own table logic reads (pdfplumber's line strategy, wrapped cells, a row cut by a page break,
the header repeated on each page), after being painted out of the image so Tesseract does not read
them as strokes. Tesseract (Debian's tesseract-ocr with chi_sim) reads the cleaned page as one block
and gives word boxes with a confidence; each word becomes characters spread over its box. A cell whose
words were read with low confidence is named in the grid, and its row gets an issue for the office.
Tesseract runs one thread per page, under a time limit; at most MAX_OCR_PAGES pages are read.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any

from taskdoc.errors import fail
from taskdoc.grid import Grid, Item, has_text
from taskdoc.limits import MAX_OCR_PAGES
from taskdoc.readers.ocr_names import correct_units
from taskdoc.readers.placed import PlacedPage, edge

DPI = 200
PAGE_SECONDS = 120
LANGUAGE = "chi_sim"
LOW_CONFIDENCE = 70  # a cell whose characters were read with less on average (Tesseract's 0-100) is doubtful
_DARK = 160  # grey level below which a pixel is ink
# a ruling line runs at least this far; a character's stroke (at most an em of body text) never does
_ACROSS_INCHES = 0.4
_COVER = 0.85  # the share of a row's height a column's rule covers
_GAP = 4  # light pixels a rule may skip
_PT = 72 / DPI  # points per pixel
_MARGIN = 16  # white pixels around a cell's image
_INSET = 6  # pixels cut from each side of a cell: its rules stay out of the reading
_INK_DOTS = 2  # ink pixels that make a pixel row part of a line of text
_ONE_LINE = 1.3  # runs of ink within this many line heights are one line of text
_PT_LINE = 10.5  # a line's height in points when none was read nearby
_LEAST_LINE = 14  # pixel rows of the shortest line of text worth reading (a 7-point character)
_LINE_PAD = 6  # light rows kept above and below a line read on its own
_LEAST_LINE_CONF = 40  # a character of a line read on its own is kept from this confidence


def read(data: bytes) -> Grid:
    """The grid of an image-only PDF, read by OCR; refused with a reason when Tesseract is missing."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        fail(
            "PDF 没有文字层（可能是扫描件），服务器未安装文字识别（OCR）",
            "the PDF has no text layer (a scan?) and Tesseract OCR is not installed; "
            "upload the Word/Excel original, or ask the administrator to run bin/ensure-system-packages",
        )
    from taskdoc.readers.pdf import _Carry, _page_items

    items: list[Item] = []
    doubtful: list[tuple[str, int]] = []
    carry = _Carry()
    for image in _pages(data):
        page = ocr_page(image, tesseract)
        items.extend(_page_items(page, carry))
        doubtful.extend(_doubtful(page))
    items.extend(carry.flush())
    items, fixes = correct_units([tuple(map(tidy, i)) if isinstance(i, tuple) else tidy(i) for i in items])
    doubtful = [(_fixed(tidy(text), fixes), confidence) for text, confidence in doubtful]
    if not any(has_text(i) for i in items):
        fail("扫描件中未识别出文字", "no text could be read from the scanned PDF; check the scan's quality")
    return Grid(tuple(items), doubtful=tuple(doubtful))


_SPACE = re.compile(r"(?<![0-9A-Za-z.%]) | (?![0-9A-Za-z])")
_ANGLE = re.compile(r"[《〈]([^《〈》〉()（）\n]{1,20})[)）》〉]")
_ROUND = re.compile(r"\(([\u4e00-\u9fff]{2,20})[)）]|（([\u4e00-\u9fff]{2,20})\)")
_OPEN_LINE = re.compile(r"[（(]([^（）()\n]*)\n([^（）()\n]*)[）)]")


def tidy(text: str) -> str:
    """What OCR cannot tell, put back as Chinese typesetting has it: no space between Chinese
    characters (only between Latin words), full-width brackets around Chinese words ('《' and '〈' are
    misread '（'), and no line break inside brackets (a wrapped unit name such as 统战部（侨\n办）)."""
    text = _SPACE.sub("", text)
    text = _ANGLE.sub(r"（\1）", text)
    text = _ROUND.sub(lambda m: f"（{m.group(1) or m.group(2)}）", text)
    return _OPEN_LINE.sub(r"（\1\2）", text)


def _fixed(text: str, fixes: dict[str, str]) -> str:
    return "\n".join(fixes.get(line, line) for line in text.split("\n"))


def _pages(data: bytes) -> Iterator[Any]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        fail("PDF 文件无法读取", "the scanned PDF could not be opened; scan or save it again")
    try:
        if len(document) > MAX_OCR_PAGES:
            fail(
                f"扫描件页数过多（上限 {MAX_OCR_PAGES} 页）",
                f"a scanned PDF of more than {MAX_OCR_PAGES} pages is too long to read by OCR; "
                "upload the Word/Excel original",
            )
        for index in range(len(document)):
            try:
                page = document[index]
            except pypdfium2.PdfiumError:
                fail(
                    f"PDF 文件已损坏（第 {index + 1} 页无法读取）",
                    "a page of the scanned PDF is damaged; scan it again",
                )
            try:
                yield page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
            except pypdfium2.PdfiumError:
                fail(
                    f"PDF 文件已损坏（第 {index + 1} 页无法显示）",
                    "a page of the scanned PDF is damaged; scan it again",
                )
            finally:
                page.close()
    finally:
        document.close()


# ---------------------------------------------------------------- the page as the PDF reader sees it


def _doubtful(page: PlacedPage) -> list[tuple[str, int]]:
    """The text and mean confidence of each table cell read with low confidence on average (one odd
    word, a stray mark read as punctuation, does not make a cell doubtful)."""
    from taskdoc.readers.pdf import _Cell, _lines

    found = []
    for table in page.find_tables():
        for box in table.cells:
            inside = [c for c in page.chars if _inside(c, box)]
            mean = sum(c["conf"] for c in inside) / len(inside) if inside else 100.0
            if mean < LOW_CONFIDENCE:
                found.append((_Cell(_lines(inside), float(box[2])).text(), round(mean)))
    return found


def _inside(char: dict[str, Any], box: Sequence[float]) -> bool:
    return bool(
        box[0] <= (char["x0"] + char["x1"]) / 2 < box[2]
        and box[1] <= (char["top"] + char["bottom"]) / 2 < box[3]
    )


def ocr_page(image: Any, tesseract: str) -> PlacedPage:
    """Ruling lines found, then each column of each table read as one strip with its rules painted out
    (no text runs across a rule; a short name alone in a cell is read in the company of the column's
    other lines, where Tesseract reads it, not on its own, where it may return nothing), and the rest
    of the page with the tables painted out. Each word keeps its confidence; all in points."""
    from PIL import ImageDraw

    width, height = image.size
    horizontal, vertical = ruling_lines(image)
    edges = [_edge(x0, y, x1, y) for y, x0, x1 in horizontal]
    edges += [_edge(x, y0, x, y1) for x, y0, y1 in vertical]
    page = PlacedPage(width * _PT, height * _PT, [], edges)
    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for y, x0, x1 in horizontal:
        draw.rectangle([x0, y - 1, x1, y + 1], fill=255)
    rest = image.copy()
    draw = ImageDraw.Draw(rest)
    pieces = [(0, 0, rest)]
    for table in page.find_tables():
        x0, top, x1, bottom = (round(v / _PT) for v in table.bbox)
        draw.rectangle([x0, top, x1, bottom], fill=255)
        xs = sorted({round(box[0] / _PT) for box in table.cells} | {x1})
        for left, right in zip(xs, xs[1:], strict=False):
            if right - left > 2 * _INSET and bottom - top > 2 * _INSET:
                box = (left + _INSET, top + _INSET, right - _INSET, bottom - _INSET)
                pieces.append((box[0] - _MARGIN, box[1] - _MARGIN, _framed(clean.crop(box))))
    page.chars = list(_read_pieces(pieces, tesseract))
    unread = [line for piece in pieces[1:] for line in unread_lines(piece, page.chars)]
    # a short line alone is read better enlarged (at 200 dpi Tesseract may return nothing), though
    # now and then only at its own size: what one reading leaves empty the other one tries
    for scale in (2, 1):
        if not unread:
            break
        # a stamp or a smudge read as a line gives characters Tesseract itself doubts: left out
        found = [
            c for c in _read_pieces(unread, tesseract, psm=7, scale=scale) if c["conf"] >= _LEAST_LINE_CONF
        ]
        page.chars += found
        unread = [piece for piece in unread if not any(_in_piece(c, piece) for c in found)]
    return page


def _in_piece(char: dict[str, Any], piece: tuple[int, int, Any]) -> bool:
    dx, dy, image = piece
    x, y = (char["x0"] + char["x1"]) / 2 / _PT, (char["top"] + char["bottom"]) / 2 / _PT
    return bool(dx <= x <= dx + image.width and dy <= y <= dy + image.height)


def unread_lines(
    piece: tuple[int, int, Any], chars: Sequence[dict[str, Any]]
) -> Iterator[tuple[int, int, Any]]:
    """The lines of ink in a column's strip that the first reading returned nothing for, each as a
    piece of its own to read as a single line (Tesseract's block reading sometimes skips a short line
    of a cell, such as a unit's name under another)."""
    dx, dy, image = piece
    width, height = image.size
    read = [
        (
            (c["top"] + c["bottom"]) / 2 / _PT - dy,
            (c["x0"] + c["x1"]) / 2 / _PT - dx,
            (c["bottom"] - c["top"]) / _PT,
        )
        for c in chars
    ]
    inside = sorted(h for y, x, h in read if 0 <= x <= width and 0 <= y <= height)
    line_height = inside[len(inside) // 2] if inside else _PT_LINE / _PT
    for top, bottom in ink_bands(image, line_height):
        if any(top <= y <= bottom and 0 <= x <= width for y, x, _ in read):
            continue
        box = (0, max(0, top - _LINE_PAD), width, min(height, bottom + _LINE_PAD))
        yield dx + box[0] - _MARGIN, dy + box[1] - _MARGIN, _framed(image.crop(box))


def ink_bands(image: Any, line_height: float) -> list[tuple[int, int]]:
    """(top, bottom) pixel rows of each line of text: runs of rows with ink, joined while together
    they are no taller than a line (a character's parts, 二 or 总, are one line)."""
    width, height = image.size
    raw = image.point(lambda v: 0 if v < _DARK else 255).tobytes()
    runs: list[tuple[int, int]] = []
    for y in range(height):
        if raw.count(0, y * width, (y + 1) * width) < _INK_DOTS:
            continue
        if runs and y - runs[-1][1] <= 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    bands: list[tuple[int, int]] = []
    for top, bottom in runs:
        if bands and bottom - bands[-1][0] <= _ONE_LINE * line_height:
            bands[-1] = (bands[-1][0], bottom)
        else:
            bands.append((top, bottom))
    return [(top, bottom) for top, bottom in bands if bottom - top >= _LEAST_LINE]


def _framed(cell: Any) -> Any:
    """The cell's image on a white margin: Tesseract reads text at the very edge of an image badly."""
    from PIL import Image

    framed = Image.new("L", (cell.width + 2 * _MARGIN, cell.height + 2 * _MARGIN), 255)
    framed.paste(cell, (_MARGIN, _MARGIN))
    return framed


def ruling_lines(image: Any) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rules of the page's tables.

    A horizontal rule is a run of ink across at least _ACROSS_INCHES (it may skip a few light pixels
    but must be almost all ink; a row through a line of text is not). A vertical rule is kept band by
    band between two horizontal rules, where it covers the band from rule to rule: a character's
    stroke that happens to stand where a column's rule would, in a row merged across, does not.
    """
    from PIL import Image

    ink = image.point(lambda v: 0 if v < _DARK else 255)
    across = _runs(ink, int(_ACROSS_INCHES * DPI))
    rules = _clusters(sorted({y for y, _, _ in across}))
    down = []
    for x, y0, y1 in _runs(ink.transpose(Image.Transpose.TRANSPOSE), _GAP * 3):
        for (_, top), (bottom, _) in zip(rules, rules[1:], strict=False):
            if min(y1, bottom) - max(y0, top) >= _COVER * (bottom - top):
                down.append((x, top, bottom))
    return across, down


def _clusters(ys: Sequence[int]) -> list[tuple[int, int]]:
    """Neighbouring pixel rows of one thick rule as (first, last)."""
    out: list[tuple[int, int]] = []
    for y in ys:
        if out and y - out[-1][1] <= _GAP:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def _runs(ink: Any, least: int) -> list[tuple[int, int, int]]:
    width, height = ink.size
    raw = ink.tobytes()
    pattern = re.compile(rb"\x00+(?:\xff{1,%d}\x00+)*" % _GAP)
    found = []
    for y in range(height):
        for match in pattern.finditer(raw, y * width, (y + 1) * width):
            length = match.end() - match.start()
            if length >= least and match.group().count(0) >= 0.9 * length:
                found.append((y, match.start() - y * width, match.end() - 1 - y * width))
    return found


def _edge(x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
    return edge(x0 * _PT, y0 * _PT, (x1 + 1) * _PT, (y1 + 1) * _PT)


def _read_pieces(
    pieces: Sequence[tuple[int, int, Any]], tesseract: str, *, psm: int = 6, scale: int = 1
) -> Iterator[dict[str, Any]]:
    """Tesseract over every piece in one run (the model loads once), each image enlarged `scale`
    times first; words placed back on the page."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="taskdoc-ocr-") as folder:
        names = []
        for n, (_, _, image) in enumerate(pieces):
            name = os.path.join(folder, f"{n:04d}.png")
            if scale > 1:
                image = image.resize((image.width * scale, image.height * scale), Image.Resampling.LANCZOS)
            image.save(name)
            names.append(name)
        listing = os.path.join(folder, "pieces.txt")
        with open(listing, "w", encoding="utf-8") as out:
            out.write("\n".join(names) + "\n")
        rows = _tsv(listing, tesseract, psm)
    for row in rows:
        n = int(row.get("page_num") or 1) - 1
        if 0 <= n < len(pieces):
            dx, dy, _ = pieces[n]
            for key in ("width", "height"):
                row[key] = str(int(row[key]) / scale)
            row["left"] = str(int(row["left"]) / scale + dx)
            row["top"] = str(int(row["top"]) / scale + dy)
    yield from _chars(rows)


def _tsv(listing: str, tesseract: str, psm: int = 6) -> list[dict[str, str]]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [tesseract, listing, "stdout", "-l", LANGUAGE, "--psm", str(psm), "--dpi", str(DPI), "tsv"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PAGE_SECONDS, env=env, check=False)
    except subprocess.TimeoutExpired:
        fail("扫描件文字识别超时", "OCR of a page took too long; upload the Word/Excel original")
    if done.returncode != 0:
        fail(
            "扫描件文字识别失败",
            "Tesseract could not read a page (is tesseract-ocr-chi-sim installed?); "
            "upload the Word/Excel original",
        )
    reader = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=3)
    return list(reader)


def _chars(rows: Sequence[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """Each recognised word as characters spread evenly over its box, on its line's band."""
    lines: dict[tuple[str, str, str, str], tuple[float, float]] = {}
    for row in rows:
        if row.get("level") == "4":
            top = float(row["top"])
            lines[_line_key(row)] = (top, top + float(row["height"]))
    last: dict[tuple[str, str, str, str], float] = {}  # the line's last character's left edge
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        key = _line_key(row)
        top, bottom = lines.get(key, (float(row["top"]), float(row["top"]) + float(row["height"])))
        left, width = float(row["left"]), float(row["width"])
        step = width / len(text)
        for i, ch in enumerate(text):
            x0 = max(left + i * step, last.get(key, -1.0) + 0.01)  # keep Tesseract's reading order
            last[key] = x0
            yield {
                "text": ch,
                "x0": x0 * _PT,
                "x1": (x0 + step) * _PT,
                "top": top * _PT,
                "bottom": bottom * _PT,
                "size": (bottom - top) * _PT,
                "conf": float(row.get("conf") or 0),
            }


def _line_key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
