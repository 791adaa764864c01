"""A title that starts with a year names no region unless a place is written in it."""

import taskdoc

TABLE = "序号\t具体任务\t牵头单位\t配合单位\n1\t全年新增就业2700人以上。\t区人社局\t各街道\n"


def test_a_year_before_the_level_word_is_not_a_place():
    plan = taskdoc.read(("2026年区政府工作报告目标任务分解表\n" + TABLE).encode(), filename="t.txt")
    assert plan.document.region is None


def test_a_place_after_the_year_is_found():
    plan = taskdoc.read(("2026年泉港区政府工作报告目标任务分解表\n" + TABLE).encode(), filename="t.txt")
    assert plan.document.region == "泉港区"
