"""The pages: 王芳's 督办 desk, the light and ladder history on the task page, 李明's 我的待办."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.test import Client

from supervision.models import Notice

pytestmark = pytest.mark.django_db
D = dt.date


def login(user):
    c = Client(HTTP_X_FORWARDED_PROTO="https")
    c.force_login(user)
    return c


@pytest.fixture
def draft(world):
    return Notice.objects.create(
        region=world.plan.region,
        task=world.task,
        unit=world.fagai,
        year=2026,
        level=1,
        rule="red_at_scan",
        reasons=["2026年3月报告逾期3个工作日未报"],
        proposed_on=D(2026, 4, 9),
    )


def test_the_office_issues_every_draft_from_the_desk(world, draft, today):
    today(D(2026, 4, 9))
    desk = login(world.wangfang).get("/supervision/")
    assert "督办工作台" in desk.content.decode()
    assert "2026年3月报告逾期3个工作日未报" in desk.content.decode()
    login(world.wangfang).post("/supervision/issue-all/")
    draft.refresh_from_db()
    assert (draft.state, draft.number, draft.answer_due) == ("issued", "泉港督〔2026〕1号", D(2026, 4, 16))
    assert login(world.liming).get("/supervision/").status_code == HTTPStatus.FORBIDDEN
    assert login(world.chenjing).post("/supervision/issue-all/").status_code == HTTPStatus.FOUND
    assert Notice.objects.filter(state="issued").count() == 1  # 陈静 of 鲤城区 issued nothing of 泉港区


def test_a_dismissal_needs_a_reason(world, draft):
    c = login(world.wangfang)
    c.post(f"/supervision/notices/{draft.pk}/dismiss/", {"reason": " "})
    draft.refresh_from_db()
    assert draft.state == "draft"
    c.post(f"/supervision/notices/{draft.pk}/dismiss/", {"reason": "已电话督促，报告已补报"})
    draft.refresh_from_db()
    assert (draft.state, draft.decision_reason) == ("dismissed", "已电话督促，报告已补报")


def test_the_liaison_sees_the_notice_to_answer_and_the_task_its_light(world, draft, today):
    today(D(2026, 4, 20))
    from supervision.services import issue_notice

    kept = login(world.liming).get("/due/").content.decode()  # 我的待办 is kept rendered …
    assert "泉港督〔2026〕1号" not in kept
    issue_notice(notice=draft, by=world.wangfang, today=D(2026, 4, 9))
    todo = login(world.liming).get("/due/").content.decode()  # … and rendered again once a notice is issued
    assert "泉港督〔2026〕1号" in todo
    assert "2026-04-16" in todo
    assert "逾期" in todo
    page = login(world.liming).get(f"/tasks/{world.task.pk}/").content.decode()
    assert 'data-light="' in page
    assert "泉港督〔2026〕1号" in page
    assert "泉港督〔2026〕1号" not in login(world.jiaoyu_liaison).get("/due/").content.decode()
    answer = login(world.liming).post(f"/supervision/notices/{draft.pk}/answer/", {"text": "已补报3月进展。"})
    assert answer.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.state == "pending_approval"
    assert (
        login(world.jiaoyu_liaison).get(f"/supervision/notices/{draft.pk}/").status_code
        == HTTPStatus.NOT_FOUND
    )


def test_the_plan_page_shows_each_light_with_its_reasons(world, today):
    today(D(2026, 4, 20))  # nothing reported: January and February missing running
    page = login(world.zhoumin).get(f"/plans/{world.plan.pk}/").content.decode()
    assert 'data-light="red"' in page
    assert "连续两期未报送进展" in page
