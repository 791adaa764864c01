"""Reading a document in a worker process that a hostile file cannot take down with it.

    plan = taskdoc.read_isolated(data, filename="分解表.pdf")

The worker (`python -m taskdoc.worker`) runs under an address-space limit (RLIMIT_AS) and a CPU limit
that it sets on itself before it reads a byte, in its own process group, killed with everything it
started (LibreOffice, Tesseract) when the wall-clock timeout passes. It sends back the parsed plan,
which is unpickled here with only taskdoc's result types allowed, or the one-line reason it refused
the file. Every way it can end badly comes back as a TaskdocError with a Chinese message.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from taskdoc.errors import fail
from taskdoc.model import ParsedPlan, TaskdocError
from taskdoc.source import load

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])
_ALLOWED = {
    ("taskdoc.model", name) for name in ("ParsedPlan", "ParsedTask", "RowIssue", "DocumentInfo", "Indicator")
} | {("datetime", "date")}
RESULT, REFUSED = b"P", b"E"


@dataclass(frozen=True)
class Limits:
    """What one parse may use: memory (address space) in MB and wall-clock seconds."""

    memory_mb: int = 1024
    seconds: float = 300.0

    @classmethod
    def from_env(cls) -> Limits:
        """TASKDOC_MEMORY_MB and TASKDOC_SECONDS override the defaults."""
        default = cls()
        return cls(
            memory_mb=_env_number("TASKDOC_MEMORY_MB", default.memory_mb),
            seconds=float(_env_number("TASKDOC_SECONDS", int(default.seconds))),
        )


def _env_number(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def read_isolated(
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    region: str | None = None,
    year: int | None = None,
    limits: Limits | None = None,
) -> ParsedPlan:
    """taskdoc.read in a worker process under memory, CPU and time limits (see the module doc)."""
    data, name = load(source, filename)
    limits = limits or Limits.from_env()
    request = {"filename": name, "region": region, "year": year, "memory_mb": limits.memory_mb,
               "cpu_seconds": int(limits.seconds) + 5, "seconds": limits.seconds}  # fmt: skip
    payload = json.dumps(request).encode() + b"\n" + data
    return outcome(*_run_worker(payload, limits.seconds))


def outcome(status: int, output: bytes) -> ParsedPlan:
    """The plan a worker sent back, or its refusal or its end as a TaskdocError (status as Popen's
    returncode: negative for a signal)."""
    if status == 0 and output[:1] == RESULT:
        return _unpickle(output[1:])
    if status == 2 and output[:1] == REFUSED:
        _reraise(output[1:].decode("utf-8", "replace"))
    if status in (-signal.SIGKILL, -signal.SIGXCPU, 137):
        fail(
            "文件读取超出时间或内存限制，已停止",
            "reading the file hit the time or memory limit and was stopped",
        )
    fail("文件无法读取（读取进程异常退出）", f"the reading process ended abnormally (status {status})")


def _run_worker(payload: bytes, seconds: float) -> tuple[int, bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p),
        "OMP_THREAD_LIMIT": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "taskdoc.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(payload, timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill(process)
        fail(
            f"文件读取超时（{int(seconds)} 秒），已停止",
            "reading the file took too long and was stopped; split the table or upload .docx/.xlsx",
        )
    finally:
        _kill(process)
    return process.returncode, output


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End the worker's process group: the worker and anything it started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _reraise(message: str) -> NoReturn:
    """A worker's refusal: {"code", "params"} from a TaskdocError, or a 'Chinese。 (plain)' line."""
    try:
        data = json.loads(message)
    except ValueError:
        fail(*_split(message))
    if not isinstance(data, dict) or "code" not in data:
        fail(*_split(message))
    raise TaskdocError(str(data["code"]), {str(k): str(v) for k, v in dict(data.get("params") or {}).items()})


def _split(message: str) -> tuple[str, str]:
    """A worker's 'Chinese。 (plain)' message back into its two halves for fail()."""
    chinese, _, plain = message.partition("。 (")
    return chinese.rstrip("。"), plain.rstrip(")") or "see the Chinese message"


class _PlanUnpickler(pickle.Unpickler):
    """Unpickles only taskdoc's frozen result types and dates: a compromised worker cannot run code here."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a taskdoc result type")
        return super().find_class(module, name)


def _unpickle(data: bytes) -> ParsedPlan:
    try:
        plan = _PlanUnpickler(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        fail("文件无法读取（读取进程返回了无效结果）", "the reading process sent back an invalid result")
    if not isinstance(plan, ParsedPlan):
        fail("文件无法读取（读取进程返回了无效结果）", "the reading process sent back an invalid result")
    return plan
