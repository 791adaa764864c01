"""The daily outside anchor: the chain's head appended to a file nobody rewrites (and optionally mailed).

One line per day: `<date> <event id> <hash>`. The file is opened for appending only; a line already written
for the day is not written again. audit_verify checks every anchored head is still in the chain.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from audit.services import ChainProblem, check_anchor


def anchor_line(day: datetime.date, event_id: int, head_hash: str) -> str:
    return f"{day.isoformat()} {event_id} {head_hash}\n"


def anchored_days(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:  # append-only: earlier lines are never rewritten
        out.write(line)


def check_file(path: Path) -> list[ChainProblem]:
    """Every head written to the anchor file must still be in the chain with the same hash."""
    if not path.exists():
        return []
    problems: list[ChainProblem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if len(parts) != 3 or not parts[1].isdigit():
            problems.append(ChainProblem(None, f"anchor file line {number} is not '<date> <id> <hash>'"))
            continue
        problem = check_anchor(int(parts[1]), parts[2])
        if problem is not None:
            problems.append(problem)
    return problems
