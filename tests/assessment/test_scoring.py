"""Scores computed by hand for a small scripted plan match the module to 0.01: co-unit weights, escalation
deductions, the cap of 60 after accountability and the +5 bonus limit (RULES.md)."""

import pytest

from assessment.rubric import FORBIDDEN_INPUTS, Rubric, RubricError, from_data
from assessment.scoring import Event, TaskOutcome, UnitInputs, ranks, score

R = Rubric()


def test_lead_and_co_tasks_weigh_one_and_a_half():
    # 发改局 leads task 1 (done) and task 2 (not done), and supports task 3 (done late): Σw = 2.5
    inputs = UnitInputs(
        1,
        tasks=(
            TaskOutcome(1, 1, "lead", "done"),
            TaskOutcome(2, 2, "lead", "not_done"),
            TaskOutcome(3, 3, "co", "done_late"),
        ),
    )
    s = score(inputs, R)
    completion = {line.task_id: line.points for line in s.lines if line.rule.startswith("completion")}
    assert completion == {1: 28.0, 2: 0.0, 3: 11.2}  # 70×1/2.5, 0, 70×0.5/2.5×0.8
    assert s.total == pytest.approx(28 + 11.2 + 30, abs=0.01)


def test_process_and_escalations_deduct_and_co_units_pay_half():
    inputs = UnitInputs(
        2,
        tasks=(TaskOutcome(1, 1, "lead", "done"),),
        events=(
            Event("report_late", 1, "3月报告逾期"),
            Event("report_missing", 1, "4月报告未报"),
            Event("summary_late", 1, "半年总结逾期"),
            Event("notice", 1, "督办单"),
            Event("interview", 1, "约谈"),
            Event("notice", 5, "配合任务的督办单", role="co"),
        ),
    )
    s = score(inputs, R)
    assert s.components["process"] == pytest.approx(30 - 0.2 - 1 - 2)
    assert s.components["escalation"] == pytest.approx(-1 - 2 - 0.5)
    assert s.total == pytest.approx(70 + 26.8 - 3.5, abs=0.01)
    assert sum(line.points for line in s.lines) == pytest.approx(s.total, abs=0.001)


def test_accountability_caps_the_module_at_sixty_but_not_the_bonus():
    inputs = UnitInputs(
        3,
        tasks=(TaskOutcome(1, 1, "lead", "done", done_early=True),),
        events=(Event("accountability", 1, "被问责"), Event("praised", 1, "通报表扬")),
    )
    s = score(inputs, R)
    assert s.total == pytest.approx(60 + 0.5 + 1, abs=0.01)
    assert any(line.rule == "escalation.accountability_cap" for line in s.lines)


def test_the_bonus_stops_at_five():
    tasks = tuple(TaskOutcome(i, i, "lead", "done", done_early=True) for i in range(1, 5))
    events = tuple(Event("praised", i, "通报表扬") for i in range(1, 5))
    s = score(UnitInputs(4, tasks=tasks, events=events), R)
    assert s.components["bonus"] == pytest.approx(5.0)
    assert s.total == pytest.approx(105.0)


def test_process_deductions_stop_at_zero():
    events = tuple(Event("summary_missing", 1, "总结未报") for _ in range(8))
    s = score(UnitInputs(5, tasks=(TaskOutcome(1, 1, "lead", "not_done"),), events=events), R)
    assert s.components["process"] == pytest.approx(0.0)
    assert s.total == pytest.approx(0.0)


def test_ties_share_a_rank():
    assert ranks({1: 90.0, 2: 85.0, 3: 85.0, 4: 70.0}) == {1: 1, 2: 2, 3: 2, 4: 4}


def test_grades_follow_the_cut_offs():
    assert [R.grade(x) for x in (95, 90, 85, 60, 59.99)] == ["优秀", "优秀", "良好", "合格", "不合格"]


@pytest.mark.parametrize("forbidden", sorted(FORBIDDEN_INPUTS))
def test_a_rubric_item_scoring_a_forbidden_input_is_refused_with_the_reason(forbidden):
    with pytest.raises(RubricError, match="不能保存"):
        from_data({"extra_items": [{"name": "加分项", "input": forbidden, "points": 1}]})


def test_the_office_changes_a_number_and_an_allowed_extra_item_scores():
    r = from_data(
        {"notice": 1.5, "extra_items": [{"name": "重点项目提前", "input": "done_early", "points": 0.5}]}
    )
    s = score(
        UnitInputs(
            6,
            tasks=(TaskOutcome(1, 1, "lead", "done"),),
            events=(Event("notice", 1, "督办单"), Event("done_early", 1, "提前")),
        ),
        r,
    )
    assert s.components["escalation"] == pytest.approx(-1.5 + 0.5)
