"""王芳 of 泉港区督查室 drafts the third quarter's bulletin, the half-year evaluation and the annual notice."""

import datetime as dt

import pytest

from exports.drafting import DraftError, UnitScore, draft_content
from exports.models import Document
from supervision.models import Commendation

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 20)


def test_the_bulletin_names_the_quarter_counts_lights_and_names_praised_and_criticised_tasks(quarter):
    content = draft_content("bulletin", quarter.world.plan, today=TODAY)
    body = content.body
    assert content.title == "关于2026年第三季度泉港区《政府工作报告》目标任务落实情况的通报"
    assert "截至9月30日，3项目标任务中，已完成1项" in body
    assert "亮红灯（进度滞后）1项" in body
    assert "区发改局牵头的第1项“地区生产总值增长5.5%左右”提前完成全年目标" in body
    assert (
        "由区教育局牵头的第2项“新建改扩建中小学校3所”，两所学校尚未开工，进度滞后序时50个百分点；完成进度20%"
        in body
    )
    assert "排名" not in body
    assert "名次" not in body
    assert [a.title for a in content.attachments] == ["2026年第三季度目标任务落实情况表"]
    assert [row[3] for row in content.attachments[0].rows] == ["绿", "红", "绿"]


def test_a_quarter_can_be_chosen_and_a_wrong_one_is_refused(quarter):
    plan = quarter.world.plan
    assert "第二季度" in draft_content("bulletin", plan, period="2026Q2", today=TODAY).title
    with pytest.raises(DraftError):
        draft_content("bulletin", plan, period="2025Q2", today=TODAY)
    with pytest.raises(DraftError):
        draft_content("bulletin", plan, period="spring", today=TODAY)


def test_the_half_year_report_lists_lagging_tasks_with_their_reasons(quarter):
    content = draft_content("half_year", quarter.world.plan, today=dt.date(2026, 7, 10))
    assert content.title == "关于2026年泉港区《政府工作报告》目标任务上半年落实情况的评估报告"
    assert content.addressee == "泉港区人民政府"
    assert "“时间过半、任务过半”比例为" in content.body


def test_the_annual_notice_groups_units_by_grade_when_the_scores_are_given(quarter):
    scores = [
        UnitScore("区发改局", "区直部门", 96.5, "优秀", 1),
        UnitScore("区教育局", "区直部门", 78.0, "合格", 2, "督办单1次"),
    ]
    content = draft_content("annual", quarter.world.plan, today=dt.date(2027, 1, 10), scores=scores)
    assert "评定为“优秀”等次的单位（1个）：区发改局。" in content.body
    assert content.attachments[0].rows[1][1:] == ["区教育局", "区直部门", "78.0", "2", "合格", "督办单1次"]
    without = draft_content("annual", quarter.world.plan, today=dt.date(2027, 1, 10))
    assert "待考核评分确定后填入" in without.body


def test_a_red_task_is_not_praised_and_published_praise_is_not_repeated(quarter):
    world = quarter.world
    Commendation.objects.create(
        region=world.plan.region,
        kind="done_early",
        key="early:2",
        unit=world.jiaoyu,
        task=quarter.lagging,
        reasons=["提前开工"],
        proposed_on=dt.date(2026, 8, 1),
    )
    body = draft_content("bulletin", world.plan, today=TODAY).body
    praise = body[body.index("二、通报表扬") : body.index("三、存在问题")]
    assert "第2项" not in praise
    assert "第1项" in praise
    Document.objects.create(
        region=world.plan.region,
        plan=world.plan,
        kind="bulletin",
        year=2026,
        title="二季度通报",
        body="……",
        organ="泉港区人民政府督查室",
        state="issued",
        issued_on=dt.date(2026, 9, 15),
    )
    again = draft_content("bulletin", world.plan, today=TODAY).body
    assert "本季度暂无提请通报表扬的事项。" in again  # the September-10 praise went out in that bulletin
