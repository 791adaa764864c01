"""Word → PDF with LibreOffice headless: one throw-away profile per conversion (two processes never share
one), the office's font names mapped to the free CJK fonts by exports/fonts/duban-gongwen.conf."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "duban-gongwen.conf"
TIMEOUT_SECONDS = 120


class ConversionError(Exception):
    """LibreOffice is missing, failed, or took too long; the message says which, in the user's language."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes:
    binary = soffice()
    if binary is None:
        raise ConversionError(_("LibreOffice is not installed on the server; the PDF cannot be made."))
    with tempfile.TemporaryDirectory(prefix="duban-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(data)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(folder)}
        command = [
            binary,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, env=env, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)  # noqa: S603, RUF100
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(_("LibreOffice took too long to make the PDF.")) from exc
        result = folder / "document.pdf"
        if not result.exists():
            raise ConversionError(_("LibreOffice could not convert the document to PDF."))
        return result.read_bytes()
