"""python -m taskdoc parse FILE [--region R] [--year Y] | python -m taskdoc indicators "句子" --year Y

A file taskdoc cannot read exits 2 with one line on stderr saying why. The file is read in a worker
process under memory and time limits (taskdoc.read_isolated); TASKDOC_MEMORY_MB and TASKDOC_SECONDS
change them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from taskdoc import TaskdocError, indicators, read_isolated
from taskdoc.jsonout import indicator_to_dict, plan_to_dict


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m taskdoc", description="Read a decomposition table (分解表)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print the parsed table as JSON")
    parse.add_argument("file")
    parse.add_argument("--region")
    parse.add_argument("--year", type=int)
    sentence = commands.add_parser("indicators", help="print the indicators of one sentence as JSON")
    sentence.add_argument("text")
    sentence.add_argument("--year", type=int, required=True)
    sentence.add_argument("--target-year", type=int)
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _parse(args.file, args.region, args.year)
    return _indicators(args.text, args.year, args.target_year)


def _parse(path: str, region: str | None, year: int | None) -> int:
    try:
        plan = read_isolated(path, region=region, year=year)
    except TaskdocError as error:
        print(f"taskdoc: {_one_line(str(error))}", file=sys.stderr)
        return 2
    _print_json(plan_to_dict(plan))
    return 0


def _indicators(text: str, year: int, target_year: int | None) -> int:
    found = indicators(text, plan_year=year, default_target_year=target_year)
    _print_json([indicator_to_dict(i) for i in found])
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
