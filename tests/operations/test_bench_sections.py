"""docs/benchmarks.md is made of named sections: each bench target replaces its own and keeps the rest."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest


def _bench_module(name: str, *path: str) -> Any:
    """A module of bench/ (not a package on the path), loaded from its file."""
    spec = importlib.util.spec_from_file_location(
        name, Path(__file__).resolve().parents[2] / "bench" / Path(*path)
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_sections = _bench_module("bench_sections", "sections.py")
markers, replace_section, stamp, write_section = (
    _sections.markers,
    _sections.replace_section,
    _sections.stamp,
    _sections.write_section,
)

DOC = """# Benchmarks

<!-- bench:web -->
## Web
old web numbers
<!-- /bench:web -->

A note written by hand.

<!-- bench:load -->
## Load
ratio 0.10
<!-- /bench:load -->

## A region's first day (by hand)
"""


def test_make_load_replaces_only_its_own_section_and_keeps_the_notes():
    text = replace_section(DOC, "load", "## Load\nratio 0.55")
    assert "ratio 0.55" in text
    assert "ratio 0.10" not in text
    assert "old web numbers" in text
    assert "A note written by hand." in text
    assert text.index("ratio 0.55") < text.index("A region's first day")  # in place, not moved
    assert text.count("<!-- bench:load -->") == 1


def test_a_new_section_is_appended_and_a_second_run_replaces_it(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC, encoding="utf-8")
    write_section("city", "## City\np95 824 ms", doc)
    write_section("city", "## City\np95 150 ms", doc)
    text = doc.read_text(encoding="utf-8")
    assert text.count("<!-- bench:city -->") == 1
    assert text.rstrip().endswith("<!-- /bench:city -->")
    assert "p95 150 ms" in text
    assert "p95 824 ms" not in text
    assert "old web numbers" in text


def test_an_empty_file_gets_the_title_first(tmp_path):
    doc = tmp_path / "benchmarks.md"
    write_section("fuzz", "## Fuzz\n0 crashes", doc)
    assert doc.read_text(encoding="utf-8").startswith("# Benchmarks\n\n<!-- bench:fuzz -->\n## Fuzz")


def test_a_section_name_is_plain():
    assert markers("supervision-pg") == ("<!-- bench:supervision-pg -->", "<!-- /bench:supervision-pg -->")
    with pytest.raises(ValueError, match="section name"):
        markers("load -->")


def test_the_stamp_names_the_target_the_machine_and_its_load():
    line = stamp("make load", "3.1 / 2.0 / 1.5")
    assert line.startswith("Written by `make load` on ")
    assert "cores" in line
    assert "load average 3.1 / 2.0 / 1.5" in line


def test_the_repository_s_benchmarks_doc_has_each_target_s_section_once():
    text = (Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    for name in ("web", "load", "city", "fuzz"):
        begin, end = markers(name)
        assert text.count(begin) == 1
        assert text.count(end) == 1
        assert text.index(begin) < text.index(end)


def test_make_load_writes_each_database_and_way_in_its_own_section():
    """The deadline day on production's database keeps the plain names; the demo's database is beside it
    (docs/decisions/0017)."""
    run = _bench_module("bench_load_run", "load", "run.py")
    names = {(via, db): run.section_name(via, db) for via in ("pages", "api") for db in ("pg", "sqlite")}
    assert names == {
        ("pages", "pg"): "load",
        ("api", "pg"): "load-api",
        ("pages", "sqlite"): "load-sqlite",
        ("api", "sqlite"): "load-api-sqlite",
    }
