"""投诉建议 (RULES.md rule 8): 李明 of 发改局 complains that the monthly report asks twice for the same
figure; 王芳 answers; 李明 sees the answer. Audited; other units do not see it; limits in Chinese."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from dashboards import services
from dashboards.models import Feedback
from tests.dashboards.story import login

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "kind": "complaint",
    "subject": "月报重复填写",
    "text": "季度数据在月报和季报中各填一次，请合并。",
}


def test_a_liaison_complains_the_office_answers_and_the_unit_sees_the_answer(world):
    liming = login(world.liming)
    form = liming.get("/feedback/").content.decode()
    assert "向督查室反映" in form
    assert "区发改局" in form
    sent = liming.post("/feedback/", {"unit": world.fagai.pk, **COMPLAINT})
    assert sent.status_code == HTTPStatus.FOUND
    fb = Feedback.objects.get()
    assert (fb.unit, fb.region, fb.state, fb.submitted_by) == (
        world.fagai,
        world.plan.region,
        "open",
        world.liming,
    )
    submitted = AuditEvent.objects.get(verb="dashboards.feedback_submitted")
    assert submitted.actor_id == world.liming.pk
    assert submitted.after["subject"] == "月报重复填写"

    office = login(world.wangfang)
    assert "月报重复填写" in office.get("/feedback/").content.decode()
    answer = "已在5月起合并季度数据，只填一次。"
    assert office.post(f"/feedback/{fb.pk}/answer/", {"answer": answer}).status_code == HTTPStatus.FOUND
    fb.refresh_from_db()
    assert (fb.state, fb.answer, fb.answered_by) == ("answered", answer, world.wangfang)
    answered = AuditEvent.objects.get(verb="dashboards.feedback_answered")
    assert answered.before["state"] == "open"
    assert answered.after["answer"] == answer

    page = liming.get(f"/feedback/{fb.pk}/").content.decode()
    assert answer in page
    assert "保存答复" not in page  # the unit reads, the office answers
    assert "已答复" in liming.get("/feedback/").content.decode()


def test_other_units_do_not_see_it_and_only_the_office_answers(world):
    fb = services.submit_feedback(unit=world.fagai, by=world.liming, **COMPLAINT)
    assert login(world.zhaoqiang).get(f"/feedback/{fb.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert "月报重复填写" not in login(world.zhaoqiang).get("/feedback/").content.decode()
    assert login(world.chenjing).get(f"/feedback/{fb.pk}/").status_code == HTTPStatus.NOT_FOUND
    observer = login(world.zhoumin)
    assert observer.get(f"/feedback/{fb.pk}/").status_code == HTTPStatus.OK
    assert observer.post(f"/feedback/{fb.pk}/answer/", {"answer": "好"}).status_code == HTTPStatus.FORBIDDEN
    assert (
        login(world.liming).post(f"/feedback/{fb.pk}/answer/", {"answer": "好"}).status_code
        == HTTPStatus.FORBIDDEN
    )
    # a liaison cannot write in another unit's name
    other = login(world.liming).post("/feedback/", {"unit": world.gongxin.pk, **COMPLAINT})
    assert other.status_code == HTTPStatus.FORBIDDEN
    with pytest.raises(PermissionDenied):
        services.submit_feedback(unit=world.fagai, by=world.zhoumin, **COMPLAINT)
    assert Feedback.objects.count() == 1


def test_too_long_or_empty_input_gets_a_chinese_message_and_keeps_the_text(world):
    liming = login(world.liming)
    long_text = "数" * 2001
    page = liming.post(
        "/feedback/", {"unit": world.fagai.pk, "kind": "suggestion", "subject": "", "text": long_text}
    )
    assert page.status_code == HTTPStatus.BAD_REQUEST
    html = page.content.decode()
    assert "请填写简短的主题。" in html
    assert "内容共2001个字，最多2000个字。" in html
    assert long_text in html  # nothing lost
    too_long = liming.post(
        "/feedback/", {"unit": world.fagai.pk, "kind": "x", "subject": "题" * 101, "text": "好"}
    )
    assert "主题共101个字，最多100个字。" in too_long.content.decode()
    assert "请选择投诉或建议。" in too_long.content.decode()
    assert not Feedback.objects.exists()
    fb = services.submit_feedback(unit=world.fagai, by=world.liming, **COMPLAINT)
    empty = login(world.wangfang).post(f"/feedback/{fb.pk}/answer/", {"answer": "  "})
    assert empty.status_code == HTTPStatus.BAD_REQUEST
    assert "请填写答复内容。" in empty.content.decode()
    fb.refresh_from_db()
    assert fb.state == "open"
    assert not AuditEvent.objects.filter(verb="dashboards.feedback_answered").exists()


def test_everyone_with_a_role_has_the_menu_entry_and_no_one_else(world, django_user_model):
    assert 'href="/feedback/"' in login(world.zengguozhi).get("/plans/").content.decode()
    assert 'href="/feedback/"' in login(world.liming).get("/due/").content.decode()
    nobody = django_user_model.objects.create_user("nobody", password="x-Nobody-2026")
    assert 'href="/feedback/"' not in login(nobody).get("/plans/").content.decode()
    assert login(nobody).get("/feedback/").status_code == HTTPStatus.FORBIDDEN


def test_the_demo_has_an_answered_suggestion_and_an_open_complaint_once(world):
    from dashboards.demo import add_feedback

    assert add_feedback(world.plan.region) == 2
    assert add_feedback(world.plan.region) == 0  # safe to run twice
    rows = Feedback.objects.order_by("pk")
    assert [(f.kind, f.state, f.unit) for f in rows] == [
        ("suggestion", "answered", world.fagai),
        ("complaint", "open", world.fagai),
    ]
    assert AuditEvent.objects.filter(verb__startswith="dashboards.feedback").count() == 3
