"""The worker process of taskdoc.isolation: `python -m taskdoc.worker`, spoken to over stdin/stdout.

stdin: one line of JSON (filename, region, year, memory_mb, cpu_seconds and, optionally, seconds: the
wall-clock time the parent allows, which becomes TASKDOC_DEADLINE for what the reader starts), then the
document's bytes.
stdout: b"P" and the pickled ParsedPlan (exit 0), or b"E" and the one-line reason (exit 2).
The limits are set before the document is read, so nothing in it runs unbounded.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import sys
import time
from typing import Any

_MB = 1024 * 1024


def limit_self(memory_mb: int, cpu_seconds: int) -> None:
    """Cap this process's address space and CPU time (inherited by what it starts)."""
    memory = memory_mb * _MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or hard > cpu_seconds:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> int:
    stdin = sys.stdin.buffer
    request: dict[str, Any] = json.loads(stdin.readline())
    limit_self(int(request["memory_mb"]), int(request["cpu_seconds"]))
    if request.get("seconds"):
        # LibreOffice runs in a session of its own: it must finish before the parent's timeout kills us
        os.environ["TASKDOC_DEADLINE"] = str(time.time() + float(request["seconds"]) - 1)
    out = sys.stdout.buffer
    try:
        from taskdoc import read
        from taskdoc.model import TaskdocError

        data = stdin.read()
        try:
            plan = read(data, filename=request["filename"], region=request["region"], year=request["year"])
        except TaskdocError as error:
            # the code and its parameters travel whole, so the apps render them in their own words
            out.write(
                b"E" + json.dumps({"code": error.code, "params": error.params}, ensure_ascii=False).encode()
            )
            return 2
        out.write(b"P" + pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        out.write("E文件过大，超出内存限制。 (reading the file needs more memory than allowed)".encode())
        return 2
    except ImportError as error:
        # under the address-space limit a native library fails to map: that is memory too
        if "map" not in str(error) and "memory" not in str(error).lower():
            raise
        out.write("E文件过大，超出内存限制。 (reading the file needs more memory than allowed)".encode())
        return 2
    except RecursionError:
        out.write("E文件结构过深，无法读取。 (the file is nested too deeply to read)".encode())
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
