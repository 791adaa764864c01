"""The notices API per role: the office, the unit's liaison and leader, the task's leader, an unrelated
unit and an anonymous caller; lights on tasks; the .docx opened back with python-docx."""

import datetime as dt
import io
from http import HTTPStatus

import docx
import pytest
from rest_framework.test import APIClient

from progress.models import ProgressReport
from supervision import services
from supervision.lights import config_for
from supervision.models import Notice

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def notice(world):
    draft = Notice.objects.create(
        region=world.plan.region,
        task=world.task,
        unit=world.fagai,
        year=2026,
        level=1,
        rule="red_at_scan",
        reasons=["完成进度20%，序时进度67%，落后47个百分点"],
        proposed_on=D(2026, 9, 15),
    )
    return draft


def client(user=None):
    c = APIClient(HTTP_X_FORWARDED_PROTO="https")
    if user is not None:
        c.force_authenticate(user)
    return c


def issued(notice, world):
    return services.issue_notice(notice=notice, by=world.wangfang, today=D(2026, 9, 15))


def test_the_office_sees_drafts_units_see_only_what_was_issued(world, notice):
    assert [n["id"] for n in client(world.wangfang).get("/api/v1/notices").json()] == [notice.pk]
    assert client(world.liming).get("/api/v1/notices").json() == []
    assert client(world.liming).get(f"/api/v1/notices/{notice.pk}").status_code == HTTPStatus.NOT_FOUND
    issued(notice, world)
    body = client(world.liming).get(f"/api/v1/notices/{notice.pk}").json()
    assert (body["number"], body["unit"], body["level"], body["state"]) == (
        "泉港督〔2026〕1号",
        "区发改局",
        1,
        "issued",
    )
    assert body["answer_due"] == "2026-09-21"  # five working days after 09-15 (09-20 is a 调休 Sunday)
    assert client(world.zengguozhi).get(f"/api/v1/notices/{notice.pk}").status_code == HTTPStatus.OK


@pytest.mark.parametrize("suffix", ["", "/document"])
def test_an_unrelated_unit_and_anonymous_are_refused_on_every_notice_endpoint(world, notice, suffix):
    issued(notice, world)
    for who in (world.jiaoyu_liaison, world.jiaoyu_leader, world.chenjing):
        assert client(who).get(f"/api/v1/notices/{notice.pk}{suffix}").status_code == HTTPStatus.NOT_FOUND
    assert client().get(f"/api/v1/notices/{notice.pk}{suffix}").status_code in {
        HTTPStatus.UNAUTHORIZED,
        HTTPStatus.FORBIDDEN,
    }
    for path, body in (("answer", {"text": "已整改"}), ("close", {"text": "x", "checklist": []})):
        assert (
            client(world.jiaoyu_liaison)
            .post(f"/api/v1/notices/{notice.pk}/{path}", body, format="json")
            .status_code
            == HTTPStatus.NOT_FOUND
        )
        assert client().post(f"/api/v1/notices/{notice.pk}/{path}", body, format="json").status_code in (
            401,
            403,
        )
    assert client(world.jiaoyu_liaison).get("/api/v1/notices").json() == []


def test_answer_approve_accept_and_close_against_the_checklist(world, notice, today):
    today(D(2026, 9, 17))
    notice = issued(notice, world)
    url = f"/api/v1/notices/{notice.pk}"
    assert (
        client(world.fagai_leader).post(f"{url}/answer", {"text": "x"}, format="json").status_code
        == HTTPStatus.FORBIDDEN
    )
    assert (
        client(world.liming).post(f"{url}/answer", {"text": "  "}, format="json").status_code
        == HTTPStatus.BAD_REQUEST
    )
    assert (
        client(world.liming)
        .post(f"{url}/answer", {"text": "已召开专题会，倒排工期。"}, format="json")
        .json()["state"]
        == "pending_approval"
    )
    assert (
        client(world.liming).post(f"{url}/answer", {"approve": True}, format="json").status_code
        == HTTPStatus.FORBIDDEN
    )
    assert (
        client(world.fagai_leader).post(f"{url}/answer", {"approve": True}, format="json").json()["state"]
        == "answered"
    )
    assert (
        client(world.liming).post(f"{url}/close", {"text": "x", "checklist": []}, format="json").status_code
        == HTTPStatus.FORBIDDEN
    )
    partial = client(world.wangfang).post(
        f"{url}/close", {"text": "已办结", "checklist": ["整改措施已落实"]}, format="json"
    )
    assert partial.status_code == HTTPStatus.BAD_REQUEST
    assert "佐证材料已核实" in partial.json()["checklist"][0]
    checklist = list(config_for(world.plan.region).close_checklist)
    done = client(world.wangfang).post(
        f"{url}/close", {"text": "已按期完成整改，进度恢复序时。", "checklist": checklist}, format="json"
    )
    assert done.json()["state"] == "closed"


def test_the_document_shows_number_unit_and_task(world, notice):
    issued(notice, world)
    response = client(world.liming).get(f"/api/v1/notices/{notice.pk}/document")
    document = docx.Document(io.BytesIO(response.content))
    # the 督办单 is a form: its facts sit in the table's cells
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "泉港督〔2026〕1号" in text
    assert "区发改局" in text
    assert world.task.text in text
    assert "落后47个百分点" in text


def test_tasks_carry_their_light_blue_only_for_the_unit_and_the_office(world, today):
    world.task.due_date = D(2026, 4, 8)
    world.task.save()
    from tests.progress.factories import file

    for month in (1, 2, 3):
        r = file(world, world.period("month", month), percent=30 * month)
        ProgressReport.objects.filter(pk=r.pk).update(
            filed_at=dt.datetime(2026, month + 1, 2, 9, tzinfo=dt.UTC)
        )
    today(D(2026, 4, 3))
    for who, color in (
        (world.wangfang, "blue"),
        (world.liming, "blue"),
        (world.zhoumin, "green"),
        (world.zengguozhi, "green"),
    ):
        body = client(who).get(f"/api/v1/tasks/{world.task.pk}").json()
        assert body["light"] == color, (who, body["light_reasons"])
        assert body["light_reasons"]
    rows = client(world.wangfang).get(f"/api/v1/plans/{world.plan.pk}/tasks").json()
    assert rows[0]["light"] == "blue"


def test_an_extension_is_asked_three_working_days_ahead(world, today):
    today(D(2026, 12, 29))
    url = f"/api/v1/tasks/{world.task.pk}/extensions"
    late = client(world.liming).post(
        url, {"new_date": "2027-03-31", "reason": "征迁未完成", "progress": "完成80%"}, format="json"
    )
    assert late.status_code == HTTPStatus.BAD_REQUEST
    assert "3个工作日" in late.json()["__all__"][0]
    today(D(2026, 12, 28))  # 12-29, 12-30, 12-31: three working days ahead
    ok = client(world.liming).post(
        url, {"new_date": "2027-03-31", "reason": "征迁未完成", "progress": "完成80%"}, format="json"
    )
    assert ok.status_code == HTTPStatus.CREATED
    assert client(world.jiaoyu_liaison).post(url, {}, format="json").status_code == HTTPStatus.NOT_FOUND
    assert client(world.zhaoqiang).post(url, {}, format="json").status_code == HTTPStatus.FORBIDDEN


def test_a_referral_is_a_persons_decision_and_its_case_file_carries_a_manifest(world, notice):
    import hashlib
    import json
    import zipfile

    issued(notice, world)
    with pytest.raises(services.SupervisionError):
        services.propose_step(
            task=world.task,
            unit_id=world.fagai.pk,
            level=4,
            by=world.wangfang,
            reason=" ",
            today=D(2026, 10, 9),
        )
    referral = services.propose_step(
        task=world.task,
        unit_id=world.fagai.pk,
        level=4,
        by=world.wangfang,
        reason="经约谈后仍虚报进度，经听取单位意见后认定",
        today=D(2026, 10, 9),
    )
    with pytest.raises(services.SupervisionError):
        services.issue_notice(notice=referral, by=world.wangfang, today=D(2026, 10, 9))
    services.issue_notice(
        notice=referral, by=world.wangfang, today=D(2026, 10, 9), reason="区委常委会研究决定移交"
    )
    assert (
        client(world.liming).get(f"/api/v1/tasks/{world.task.pk}/case-file").status_code
        == HTTPStatus.FORBIDDEN
    )
    response = client(world.wangfang).get(f"/api/v1/tasks/{world.task.pk}/case-file")
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(zf.read("manifest.json"))
    assert {
        "timeline.json",
        "reports.json",
        "notices.json",
        "interviews.json",
        "audit.json",
        "notices/泉港督〔2026〕1号.docx",
    } <= set(manifest)
    for name, entry in manifest.items():
        assert hashlib.sha256(zf.read(name)).hexdigest() == entry["sha256"]
    verbs = {e["verb"] for e in json.loads(zf.read("audit.json"))}
    assert {"supervision.notice_issued", "supervision.step_proposed"} <= verbs
