"""Old and WPS office files (.doc, .wps, .rtf; .xls, .et): converted by LibreOffice, then read as .docx/.xlsx.

LibreOffice runs headless in a fresh temporary folder with its own user profile (so two conversions
never share or lock one profile, and nothing of a user's is read), under a time limit; the folder is
removed afterwards whatever happened. The process group is killed on timeout so no soffice is left.
Inside the isolated reader the conversion also ends before the reader's own deadline (TASKDOC_DEADLINE,
set by taskdoc.worker), so LibreOffice, which runs in a session of its own, never outlives the reader.
A Word 97-2003 or Excel 97-2003 file whose OLE container or main stream is broken is refused as damaged
before LibreOffice is started (it would only read garbage out of it, slowly).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Literal, NoReturn

from taskdoc.errors import fail
from taskdoc.grid import Grid

CONVERT_SECONDS = 120
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TARGET = {"word": ("doc", "docx"), "sheet": ("xls", "xlsx")}
_NAMES = {"word": "Word/WPS 文字", "sheet": "Excel/WPS 表格"}
# the main stream of each kind and the first bytes it starts with (Word's FIB ident, a BIFF BOF record)
_MAIN_STREAMS = {
    "word": (("WordDocument", (b"\xec\xa5",)),),
    "sheet": (("Workbook", (b"\x09\x08",)), ("Book", (b"\x09\x08", b"\x09\x04", b"\x09\x02"))),
}
_LEAST_SECONDS = 1.0


def read_word(data: bytes) -> Grid:
    """A Word 97-2003 file with tables is read directly (taskdoc.readers.doc says why); anything else
    (RTF, Word 6/95, WPS's own format, a .doc without tables) through LibreOffice."""
    from taskdoc.readers import doc, docx

    if data.startswith(_OLE):
        check_container(data, "word")
        grid = doc.read(data)
        if grid is not None and any(isinstance(item, tuple) for item in grid.items):
            return grid
    return docx.read(convert(data, "word"))


def read_sheet(data: bytes) -> Grid:
    from taskdoc.readers import xlsx

    if data.startswith(_OLE):
        check_container(data, "sheet")
    return xlsx.read(convert(data, "sheet"))


def check_container(data: bytes, kind: Literal["word", "sheet"]) -> None:
    """Refuse an OLE file whose container cannot be opened or whose main stream does not start as its
    format says (a WPS file in a format of its own, without those streams, is left to LibreOffice)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.listdir():  # no stream left in its directory
                _damaged(kind)
            for stream, starts in _MAIN_STREAMS[kind]:
                if ole.exists(stream) and not ole.openstream(stream).read(2).startswith(starts):
                    _damaged(kind)
    except (OSError, ValueError, IndexError, KeyError, struct.error, RecursionError):
        _damaged(kind)


def _damaged(kind: str) -> NoReturn:
    fail(
        f"旧版 {_NAMES[kind]} 文件已损坏",
        "the old-format file's structure is damaged; open it and save it again",
    )


def time_left(seconds: float) -> float:
    """The conversion's time limit: `seconds`, or less when the reader's deadline comes sooner."""
    try:
        deadline = float(os.environ.get("TASKDOC_DEADLINE", "inf"))
    except ValueError:
        return seconds
    left = deadline - time.time()
    if left < _LEAST_SECONDS:
        fail("文件读取超时，已停止", "reading the file took too long and was stopped")
    return min(seconds, left)


def convert(data: bytes, kind: Literal["word", "sheet"], *, seconds: float = CONVERT_SECONDS) -> bytes:
    """The .docx (kind 'word') or .xlsx ('sheet') LibreOffice makes of an old-format file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        fail(
            f"无法读取旧版 {_NAMES[kind]} 文件：服务器未安装 LibreOffice",
            "old-format files are converted with LibreOffice, which is not installed; "
            "save the file as .docx/.xlsx, or ask the administrator to run bin/ensure-system-packages",
        )
    suffix, target = _TARGET[kind]
    with tempfile.TemporaryDirectory(prefix="taskdoc-office-") as folder:
        work = Path(folder)
        source = work / f"source.{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, work, time_left(seconds), kind)
        made = work / "out" / f"source.{target}"
        if not made.is_file() or made.stat().st_size == 0:
            fail(
                f"旧版 {_NAMES[kind]} 文件无法转换，文件可能已损坏",
                f"LibreOffice could not convert the old-format file to .{target}; "
                "open it in Word/Excel/WPS and save it as .docx/.xlsx",
            )
        return made.read_bytes()


def _run(command: list[str], work: Path, seconds: float, kind: str) -> None:
    env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
    process = subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        fail(
            f"旧版 {_NAMES[kind]} 文件转换超时（{int(seconds)} 秒）",
            "LibreOffice took too long to convert the file; save it as .docx/.xlsx and upload again",
        )
    finally:
        _kill_group(process)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End the converter and anything it started (soffice forks soffice.bin)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
