"""Tables from other counties: numbering that restarts in each section, a cell that could not be split."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from targets.models import Plan, Task

pytestmark = pytest.mark.django_db

RESTARTING = (
    "2026年测试县政府工作报告重点任务分解表\n"
    "序号\t工作任务\t牵头单位\t配合单位\n"
    "一、经济发展\t\t\t\n"
    "1\t全年地区生产总值增长6%。\t县发改局\t县统计局\n"
    "2\t新增城镇就业1000人以上。\t县人社局\t各乡镇\n"
    "二、社会事业\t\t\t\n"
    "1\t新建学校2所。\t县教育局\t县住建局\n"
    "2\t新增养老床位100张。\t县民政局\t各乡镇\n"
)


def _import(tmp_path, text: str) -> str:
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_plan", str(path), "--region", "测试县", "--year", "2026", stdout=out)
    return out.getvalue()


def test_numbering_that_restarts_in_each_section_is_kept_in_reading_order(tmp_path):
    _import(tmp_path, RESTARTING)
    tasks = list(Task.objects.filter(plan__region__name="测试县").order_by("seq"))
    assert [t.seq for t in tasks] == [1, 2, 3, 4]
    assert tasks[2].text == "新建学校2所。"
    assert tasks[2].section_path == ["二、社会事业"]
    assert {
        "code": "seq_renumbered",
        "field": "seq",
        "seq": 3,
        "params": {"printed": "1", "seq": "3"},
    } in tasks[2].parse_issues
    # importing the same table again changes nothing
    assert "unchanged 4" in _import(tmp_path, RESTARTING)


def test_a_unit_cell_that_could_not_be_split_is_refused_with_the_row(tmp_path):
    glued = "甲乙丙丁戊己庚辛壬癸" * 14 + "局"
    text = RESTARTING.replace("县统计局", glued)
    with pytest.raises(CommandError, match="1"):
        _import(tmp_path, text)
    assert not Plan.objects.exists()
