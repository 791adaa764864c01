"""The office of 泉港区 assesses its 2026 plan: 发改局 (lead of task 1) and 工信局 (co-unit) are scored; the
liaison of 工信局 cannot read 发改局's score, and reads its own only once published; a frozen result
cannot be changed by the command, and the audit chain stays whole."""

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from assessment import services
from assessment.models import Assessment, Score
from assessment.rubric import RubricError
from audit.services import verify
from tests.progress.factories import World, file

TODAY = dt.date(2026, 12, 20)


def assess(world: World) -> None:
    call_command("assess", "--plan", str(world.plan.pk), "--date", TODAY.isoformat(), stdout=io.StringIO())


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_every_unit_is_scored_and_its_lines_add_up(world):
    file(world, world.period("month", 1), status="done", percent=100)
    assess(world)
    scores = {s.unit_id: s for s in Score.objects.all()}
    assert set(scores) == {world.fagai.pk, world.gongxin.pk}
    for s in scores.values():
        assert sum(line["points"] for line in s.lines) == pytest.approx(float(s.total), abs=0.011)
    fagai = scores[world.fagai.pk]
    assert fagai.components["completion"] == pytest.approx(70.0)
    # the lead unit filed January late (today) and no summaries: 100 − 0.2 − 5 − 5; 工信局 as co-unit keeps 100
    assert float(fagai.total) == pytest.approx(89.8)
    assert (fagai.rank, scores[world.gongxin.pk].rank) == (2, 1)
    body = api(world.wangfang).get(f"/api/v1/plans/{world.plan.pk}/scores").json()
    assert {row["unit"]["name"] for row in body} == {"区发改局", "区工信局"}
    detail = api(world.wangfang).get(f"/api/v1/plans/{world.plan.pk}/scores/{world.fagai.pk}").json()
    assert sum(line["points"] for line in detail["lines"]) == pytest.approx(detail["total"], abs=0.011)


def test_a_unit_reads_only_its_own_score_and_only_once_published(world):
    assess(world)
    plan = world.plan.pk
    assert api(world.zhaoqiang).get(f"/api/v1/plans/{plan}/scores/{world.gongxin.pk}").status_code == 404
    assert api(world.zhaoqiang).get(f"/api/v1/plans/{plan}/scores").json() == []
    services.publish(assessment=Assessment.objects.get(), by=world.wangfang, today=TODAY)
    assert api(world.zhaoqiang).get(f"/api/v1/plans/{plan}/scores/{world.gongxin.pk}").status_code == 200
    assert api(world.zhaoqiang).get(f"/api/v1/plans/{plan}/scores/{world.fagai.pk}").status_code == 404
    assert [r["unit"]["id"] for r in api(world.zhaoqiang).get(f"/api/v1/plans/{plan}/scores").json()] == [
        world.gongxin.pk
    ]
    assert api(world.zengguozhi).get(f"/api/v1/plans/{plan}/scores/{world.fagai.pk}").status_code == 200
    assert APIClient().get(f"/api/v1/plans/{plan}/scores").status_code in (401, 403)


def test_another_regions_office_cannot_read_the_scores(world):
    assess(world)
    assert api(world.chenjing).get(f"/api/v1/plans/{world.plan.pk}/scores").status_code == 404


def test_an_objection_is_answered_then_the_result_is_frozen_and_cannot_change(world):
    assess(world)
    a = services.publish(assessment=Assessment.objects.get(), by=world.wangfang, today=TODAY)
    score = Score.objects.get(unit=world.gongxin)
    objection = services.object_to(
        score=score, by=world.zhaoqiang, text="第1项已按期提供协办材料。", today=TODAY
    )
    with pytest.raises(services.AssessmentError):
        services.freeze(assessment=a, by=world.wangfang)
    services.answer(objection=objection, by=world.wangfang, text="已核实，维持原分。")
    a = services.freeze(assessment=Assessment.objects.get(), by=world.wangfang)
    assert a.frozen_hash == services.result_hash(a)
    totals = list(Score.objects.values_list("total", flat=True))
    with pytest.raises(CommandError, match=r"frozen|定稿"):
        assess(world)
    with pytest.raises(RubricError):
        services.save_rubric(region=world.plan.region, year=2026, data={"notice": 3}, by=world.wangfang)
    assert list(Score.objects.values_list("total", flat=True)) == totals
    assert verify() == []


def test_reopening_a_frozen_result_needs_a_reason(world):
    assess(world)
    a = services.freeze(assessment=Assessment.objects.get(), by=world.wangfang)
    with pytest.raises(services.AssessmentError):
        services.reopen(assessment=a, by=world.wangfang, reason=" ")
    a = services.reopen(assessment=a, by=world.wangfang, reason="上级通报更正了第1项的完成时间。")
    assert a.state == Assessment.State.DRAFT


def test_a_dry_run_writes_nothing(world):
    out = io.StringIO()
    call_command("assess", "--plan", str(world.plan.pk), "--dry-run", stdout=out)
    assert "would score 2 units" in out.getvalue()
    assert not Assessment.objects.exists()


def test_the_annual_result_notice_is_drafted_from_the_scores(world):
    from exports.drafting import draft_content

    assess(world)
    content = draft_content("annual", world.plan, today=TODAY)
    written = content.body + "".join(str(a.rows) for a in content.attachments)
    gongxin = Score.objects.get(unit=world.gongxin)
    assert "区工信局" in written
    assert gongxin.grade in written
    assert f"{float(gongxin.total):.1f}" in written
