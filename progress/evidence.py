"""Which evidence files duban accepts: pdf, docx, xlsx, jpg, png, at most 10 MB, checked by content."""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"


def _looks_like(ext: str, head: bytes, fileobj: IO[bytes]) -> bool:
    if ext == "pdf":
        return head.startswith(b"%PDF-")
    if ext in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if ext == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("docx", "xlsx"):
        if not head.startswith(b"PK\x03\x04"):
            return False
        fileobj.seek(0)
        try:
            with zipfile.ZipFile(io.BytesIO(fileobj.read())) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return False
        return "[Content_Types].xml" in names and any(
            n.startswith("word/" if ext == "docx" else "xl/") for n in names
        )
    return False


def check_file(name: str, size: int, fileobj: IO[bytes]) -> tuple[str | None, str | None]:
    """(content type, None) when the file is acceptable, else (None, a message saying what to do)."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in CONTENT_TYPES:
        return None, _("“%(name)s” is not a PDF, Word (.docx), Excel (.xlsx), JPG or PNG file.") % {
            "name": name
        }
    if size > MAX_BYTES:
        return None, _("“%(name)s” is %(mb).1f MB; files may be at most 10 MB.") % {
            "name": name,
            "mb": size / 1024 / 1024,
        }
    if size == 0:
        return None, _("“%(name)s” is empty.") % {"name": name}
    fileobj.seek(0)
    head = fileobj.read(16)
    ok = _looks_like(ext, head, fileobj)
    fileobj.seek(0)
    if not ok:
        return None, _("“%(name)s” is not really a .%(ext)s file; save it again in that format.") % {
            "name": name,
            "ext": ext,
        }
    return CONTENT_TYPES[ext], None


def limit_problem(existing_sizes: list[int], new_sizes: list[int], max_files: int, max_bytes: int) -> str | None:
    """A message when the report would hold more evidence files or bytes than allowed, else None."""
    count = len(existing_sizes) + len(new_sizes)
    total = sum(existing_sizes) + sum(new_sizes)
    if count > max_files:
        return _("A report may carry at most %(max)d evidence files; it would have %(n)d.") % {
            "max": max_files,
            "n": count,
        }
    if total > max_bytes:
        return _("A report's evidence may total at most %(max).0f MB; it would be %(mb).1f MB.") % {
            "max": max_bytes / 1024 / 1024,
            "mb": total / 1024 / 1024,
        }
    return None
