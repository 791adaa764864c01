"""Indicator extraction speed: 150-character task sentences from both seeds (markdown to stdout)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from taskdoc.indicators import indicators  # noqa: E402

GOLD = ROOT / "tests" / "data" / "gold"


def sentences_of_150_characters() -> list[str]:
    texts: list[str] = []
    for path in sorted(GOLD.glob("*.gold.json")):
        texts += [task["text"] for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]]
    return [(text + "，" + after)[:150] for text, after in zip(texts, texts[1:] + texts[:1], strict=True)]


def main() -> None:
    sentences = sentences_of_150_characters()
    for text in sentences[:20]:
        indicators(text, plan_year=2026)
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        for text in sentences:
            indicators(text, plan_year=2026)
    average = (time.perf_counter() - started) / (len(sentences) * rounds)
    print("## Indicator extraction\n")
    print("| input | sentences | mean per sentence | target |")
    print("|---|---|---|---|")
    print(
        f"| 150-character task sentences (both seeds) | {len(sentences)} | {average * 1000:.3f} ms | < 1 ms |"
    )


if __name__ == "__main__":
    main()
