"""What one document may cost, and the checks run on its bytes before any reader unpacks them.

A hostile document is small on disk and huge once opened: a PDF stream or a zip member that inflates
to gigabytes, XML that declares entities, thousands of pages or objects. Each is refused here, from
the raw bytes, reading compressed data in chunks so that memory stays flat whatever it would expand
to. What these checks cannot foresee is bounded by the worker process (taskdoc.isolation): an
address-space limit, a CPU limit and a wall-clock timeout.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable

from taskdoc.errors import fail

MAX_PDF_PAGES = 3000
MAX_PDF_OBJECTS = 500_000
MAX_PDF_STREAM_BYTES = 160 * 1024 * 1024  # one stream, inflated
MAX_PDF_TOTAL_BYTES = 512 * 1024 * 1024  # all streams, inflated
MAX_OCR_PAGES = 40
MAX_XML_MEMBER_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024

_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_STREAM = re.compile(rb"stream\r?\n")
_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")
# '<!DOCTYPE' and '<!ENTITY' in UTF-8/ASCII and in UTF-16 (either byte order)
_DECLARATIONS = tuple(
    word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY") for codec in ("ascii", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(d) for d in _DECLARATIONS)
_XML_SUFFIXES = (".xml", ".rels", ".vml")

BOMB = (
    "文件解压后过大，疑似压缩炸弹",
    "the file expands to too much data (a decompression bomb?); it was not opened",
)
OUT_OF_MEMORY = (
    "文件过大，超出内存限制",
    "reading the file needs more memory than a document may use; split it or upload .docx/.xlsx",
)
UNSAFE_XML = (
    "文件含有不安全的内容（XML 实体声明）",
    "the document declares XML entities or a DTD, which Office and OFD writers never do; it was not opened",
)


def check_pdf(data: bytes) -> None:
    """Refuse a PDF with too many objects or pages, or streams that inflate past the limits."""
    if sum(1 for _ in _OBJ.finditer(data)) > MAX_PDF_OBJECTS:
        fail("PDF 对象过多", f"the PDF has more than {MAX_PDF_OBJECTS} objects; it was not opened")
    if sum(1 for _ in _PAGE.finditer(data)) > MAX_PDF_PAGES:
        fail("PDF 页数过多", f"the PDF has more than {MAX_PDF_PAGES} pages; upload the table alone")
    total = 0
    for match in _STREAM.finditer(data):
        size = _inflated_size(data, match.end(), MAX_PDF_STREAM_BYTES)
        total += size
        if size > MAX_PDF_STREAM_BYTES or total > MAX_PDF_TOTAL_BYTES:
            fail(*BOMB)


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """How many bytes the zlib stream at `start` inflates to, counted up to just past `limit`.

    Data that is not zlib (an image, an uncompressed stream) counts as nothing: it cannot grow.
    """
    inflater = zlib.decompressobj()
    size, at = 0, start
    try:
        while at < len(data) and not inflater.eof:
            chunk = data[at : at + 64 * 1024]
            at += len(chunk)
            pending = chunk
            while pending and size <= limit and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
            if size > limit:
                break
    except zlib.error:
        return size
    return size


def check_zip_xml(archive: zipfile.ZipFile) -> None:
    """Refuse a zip package whose XML parts are oversized or declare a DTD or entities anywhere."""
    for info in archive.infolist():
        if not info.filename.lower().endswith(_XML_SUFFIXES):
            continue
        if info.file_size > MAX_XML_MEMBER_BYTES:
            fail(*BOMB)
        try:
            with archive.open(info) as member:
                if declares_entities(iter(lambda: member.read(_CHUNK), b""), MAX_XML_MEMBER_BYTES):
                    fail(*UNSAFE_XML)
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ):
            fail("文件已损坏", "the file is damaged (a part of the package cannot be read); save it again")


def declares_entities(chunks: Iterable[bytes], limit: int) -> bool:
    """Whether XML (given in chunks) holds a DTD or entity declaration anywhere; past `limit` bytes
    it is refused as a bomb."""
    tail, size = b"", 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            fail(*BOMB)
        window = tail + chunk
        if any(d in window for d in _DECLARATIONS):
            return True
        tail = window[-_OVERLAP:]
    return False


def out_of_memory(error: BaseException) -> bool:
    """Whether the error is, or was caused by, running out of memory (a library may wrap it)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, MemoryError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
