"""Loading a source (path or bytes), its size limit and its format, told from content first."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Literal

from taskdoc.errors import fail, refuse
from taskdoc.limits import check_zip_xml
from taskdoc.model import TaskdocError

# "word" and "sheet": .doc/.wps/.rtf and .xls/.et, read through LibreOffice (taskdoc.readers.office)
Format = Literal["text", "docx", "xlsx", "pdf", "ofd", "word", "sheet"]

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_ZIP_RATIO = 150
MAX_ZIP_MEMBERS = 5000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load(source: str | Path | bytes | bytearray | memoryview, filename: str | None) -> tuple[bytes, str]:
    """The bytes of the source and the name that hints at its format."""
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError:
            refuse("not_found", path=path)
        _check_size(size)
        try:
            return path.read_bytes(), filename or path.name
        except OSError as error:
            fail("无法读取文件", f"cannot read {path}: {error.strerror}")
    data = bytes(source)
    _check_size(len(data))
    return data, filename or ""


def _check_size(size: int) -> None:
    if size == 0:
        refuse("empty")
    if size > MAX_FILE_BYTES:
        refuse("too_large", size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024))


def sniff(data: bytes, filename: str) -> Format:
    """The format by magic bytes; the extension only breaks ties and explains errors."""
    head = data[:1024]
    suffix = Path(filename).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data, suffix)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_OLE):
        return _ole_format(data, suffix)
    if head.lstrip().startswith(b"{\\rtf"):
        return "word"
    if suffix in (".doc", ".xls", ".wps", ".et", ".ofd"):
        fail(
            f"文件内容与扩展名 {suffix} 不符，文件可能已损坏",
            f"the file does not hold what a {suffix} file holds; save it again and re-upload",
        )
    return "text"


def _ole_format(data: bytes, suffix: str) -> Format:
    """A Word or WPS document (.doc/.wps) or an Excel or WPS sheet (.xls/.et), by its streams' names."""
    if "WordDocument".encode("utf-16-le") in data:  # first: a Word file may embed a sheet
        return "word"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") + b"\0\0" in data:
        return "sheet"
    if suffix in (".xls", ".et"):
        return "sheet"
    if suffix in (".doc", ".wps"):
        return "word"
    fail(
        "无法识别的旧版 Office 文件",
        "an old binary Office file that is neither a Word nor an Excel file; save it as .docx or .xlsx",
    )


def _zip_format(data: bytes, suffix: str) -> Format:
    with open_zip(data) as archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    fail(
        f"压缩包不是 Word、Excel 或 OFD 文件（扩展名 {suffix or '无'}）",
        "a zip archive that is neither .docx, .xlsx nor .ofd; upload the table itself",
    )


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A zip archive checked against zip bombs: member count, total size and compression ratio."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # zipfile raises NotImplementedError for a zip version or compression it cannot read (a damaged header)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        fail(
            "文件已损坏", "the file is damaged (not a readable zip/Office file); save it again and re-upload"
        )
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_MEMBERS or total > MAX_UNZIPPED_BYTES:
        archive.close()
        fail(
            "文件解压后过大，疑似压缩炸弹", "the file expands to too much data (zip bomb?); it was not opened"
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            archive.close()
            fail(
                "文件压缩比异常，疑似压缩炸弹",
                "the file is compressed suspiciously well (zip bomb?); it was not opened",
            )
    try:
        check_zip_xml(archive)
    except TaskdocError:
        archive.close()
        raise
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as member:
            data = member.read(MAX_UNZIPPED_BYTES + 1)
    except KeyError:
        fail("文件缺少必要内容", f"the file has no {name}; save it again from Word/Excel")
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        refuse("damaged")
    if len(data) > MAX_UNZIPPED_BYTES:
        fail(
            "文件解压后过大，疑似压缩炸弹", "the file expands to too much data (zip bomb?); it was not opened"
        )
    return data
