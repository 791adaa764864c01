"""OFD (GB/T 33190): a seed laid out as an issuing office's OFD reads exactly as its gold file says."""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from ofd_writer import to_ofd

import taskdoc
from taskdoc.jsonout import plan_to_dict

GOLD = Path(__file__).parents[1] / "data" / "gold"
SEEDS = ("000_c0ca6c59d42007b8", "001_31585e46d2ea987c")


def _gold(seed: str) -> dict[str, Any]:
    return json.loads((GOLD / f"{seed}.gold.json").read_text(encoding="utf-8"))


def _score(gold: dict[str, Any], parsed: dict[str, Any]) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("gold_score", GOLD / "score.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(gold["tasks"], parsed["tasks"])


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_issued_as_ofd_reads_at_one_on_every_field(seed: str) -> None:
    gold = _gold(seed)
    data = to_ofd(gold)
    assert len([n for n in _members(data) if n.endswith("Content.xml")]) > 3  # the table runs over pages
    parsed = plan_to_dict(taskdoc.read(data, filename="分解表.ofd"))
    result = _score(gold, parsed)
    assert result["scores"] == dict.fromkeys(result["scores"], 1.0), result["mismatches"]
    assert parsed["columns"] == gold["columns"]


def test_an_ofd_is_told_by_its_content_not_its_name() -> None:
    plan = taskdoc.read(to_ofd(_gold(SEEDS[1])), filename="upload.bin")
    assert len(plan.tasks) == 84


def test_page_locations_may_be_absolute_in_the_package() -> None:
    members = _members(to_ofd(_gold(SEEDS[1])))
    document = members["Doc_0/Document.xml"].replace(b'BaseLoc="Pages/', b'BaseLoc="/Doc_0/Pages/')
    plan = taskdoc.read(_zip({**members, "Doc_0/Document.xml": document}), filename="a.ofd")
    assert len(plan.tasks) == 84


def test_an_ofd_without_a_document_root_is_refused_with_a_reason() -> None:
    members = _members(to_ofd(_gold(SEEDS[1])))
    members["OFD.xml"] = members["OFD.xml"].replace(b"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>", b"")
    with pytest.raises(taskdoc.TaskdocError, match="OFD 文件缺少文档入口"):
        taskdoc.read(_zip(members), filename="a.ofd")


def test_an_ofd_declaring_an_entity_deep_in_a_page_is_refused() -> None:
    members = _members(to_ofd(_gold(SEEDS[1])))
    page = members["Doc_0/Pages/Page_2/Content.xml"]
    assert len(page) > 8192
    members["Doc_0/Pages/Page_2/Content.xml"] = page + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    with pytest.raises(taskdoc.TaskdocError, match="不安全"):
        taskdoc.read(_zip(members), filename="a.ofd")


def test_an_ofd_of_images_only_is_refused_with_a_reason() -> None:
    members = _members(to_ofd(_gold(SEEDS[1])))
    for name in list(members):
        if name.endswith("Content.xml"):
            members[name] = (
                members[name].split(b"<ofd:TextObject")[0] + b"</ofd:Layer></ofd:Content></ofd:Page>"
            )
    with pytest.raises(taskdoc.TaskdocError, match="OFD 文件中没有文字"):
        taskdoc.read(_zip(members), filename="a.ofd")


def test_a_damaged_path_gives_the_rules_it_can_and_no_error() -> None:
    """Found by `make fuzz`: a path whose command stands where a coordinate should (M L 10 …)."""
    import xml.etree.ElementTree as ET

    from taskdoc.readers import ofd

    node = ET.fromstring(  # noqa: S314 - a literal of this test
        '<ofd:PathObject xmlns:ofd="http://www.ofdspec.org/2016" Boundary="0 0 100 100">'
        "<ofd:AbbreviatedData>M L 10 0 M 0 0 L 50 0 L 50 L</ofd:AbbreviatedData></ofd:PathObject>"
    )
    assert [(e["x0"], e["x1"]) for e in ofd._path_edges(node)] == [(0.0, 50 * ofd._MM)]
