"""Mutated seed text never raises anything but TaskdocError."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import taskdoc

SEEDS = Path(__file__).parents[1] / "data" / "seeds"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
NOISE = st.text(
    alphabet=st.sampled_from(list("\t\n 　、，（）()一1局办各镇（街道）序号牵头单位。：:")), max_size=30
)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "insert", "cut", "swap"]))
        if action == "drop" and len(lines) > 1:
            lines.pop(at)
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "insert":
            lines.insert(at, draw(NOISE))
        elif action == "cut":
            line = lines[at]
            lines[at] = line[: draw(st.integers(0, len(line)))]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    head = draw(st.integers(0, len(lines)))
    return "\n".join(lines[head:] if draw(st.booleans()) else lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seed_parses_or_is_refused_cleanly(text: str) -> None:
    try:
        plan = taskdoc.read(text.encode("utf-8"), filename="seed.txt")
    except taskdoc.TaskdocError:
        return
    assert all(task.seq >= 0 for task in plan.tasks)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_parse_or_are_refused_cleanly(data: bytes) -> None:
    with contextlib.suppress(taskdoc.TaskdocError):
        taskdoc.read(data, filename="upload.txt")


def _fuzz_module():  # bench/fuzz_taskdoc.py: the `make fuzz` runner
    import importlib.util

    path = Path(__file__).parents[2] / "bench" / "fuzz_taskdoc.py"
    spec = importlib.util.spec_from_file_location("fuzz_taskdoc", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fuzz_runner_tells_a_result_a_refusal_and_a_hang_apart() -> None:
    fuzz = _fuzz_module()
    table = "序号\t工作任务\t牵头单位\n1\t全区生产总值增长6%左右\t发改局\n".encode()
    assert fuzz.outcome(table, "txt", 30) == "result"
    assert fuzz.outcome(b"\x00\xff" * 50, "txt", 30) == "refused"
    assert fuzz.outcome(TEXTS[0].encode() * 40, "txt", 0.05) == "hang"
    assert fuzz.mutate(b"abcdef" * 100, __import__("random").Random(1)) != b"abcdef" * 100
