"""王芳 drafts the third quarter's bulletin in the browser, corrects a sentence and issues it; 李明 of
区发改局 may not see drafts; the same through the API."""

import datetime as dt
import io

import docx
import pytest
from rest_framework.test import APIClient

from audit.models import AuditEvent
from exports.models import Document

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 20)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr("progress.clock.today", lambda: TODAY)


def text_of(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_wangfang_drafts_edits_and_issues_the_bulletin(client, quarter):
    world = quarter.world
    client.force_login(world.wangfang)
    response = client.post(f"/plans/{world.plan.pk}/documents/draft/", {"kind": "bulletin", "period": ""})
    doc = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{doc.pk}/"
    assert "第三季度" in doc.title
    assert doc.state == "draft"
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "第三季度" in page
    assert 'name="body"' in page
    body = doc.body.replace("现将有关情况通报如下。", "现将有关情况通报如下，请各单位认真对照。")
    response = client.post(
        f"/documents/{doc.pk}/save/",
        {"title": doc.title, "addressee": doc.addressee, "body": body, "version": doc.version},
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.version == 2
    assert "请各单位认真对照" in doc.body
    stale = client.post(
        f"/documents/{doc.pk}/save/", {"title": "别的标题", "addressee": "", "body": "别的内容", "version": 1}
    )
    assert stale.status_code == 400
    doc.refresh_from_db()
    assert doc.title != "别的标题"
    client.post(f"/documents/{doc.pk}/issue/", {"version": doc.version})
    doc.refresh_from_db()
    assert (doc.state, doc.number, doc.issued_on) == ("issued", "泉港督查〔2026〕1号", TODAY)
    frozen = text_of(bytes(doc.docx))
    assert "泉港督查〔2026〕1号" in frozen
    assert "请各单位认真对照" in frozen
    assert "2026年10月20日" in frozen
    assert bytes(doc.pdf).startswith(b"%PDF")
    assert client.get(f"/documents/{doc.pk}/file.docx").content == bytes(doc.docx)
    again = client.post(
        f"/documents/{doc.pk}/save/", {"title": "改", "addressee": "", "body": "改", "version": doc.version}
    )
    assert again.status_code == 400  # an issued document never changes
    verbs = list(AuditEvent.objects.filter(object_type="exports.document").values_list("verb", flat=True))
    assert verbs == ["exports.document_drafted", "exports.document_saved", "exports.document_issued"]


def test_liming_sees_neither_the_documents_page_nor_a_draft(client, quarter):
    world = quarter.world
    client.force_login(world.wangfang)
    client.post(f"/plans/{world.plan.pk}/documents/draft/", {"kind": "half_year"})
    doc = Document.objects.get()
    client.force_login(world.liming)
    assert client.get(f"/plans/{world.plan.pk}/documents/").status_code == 403
    assert client.get(f"/documents/{doc.pk}/").status_code == 404
    assert client.post(f"/documents/{doc.pk}/issue/", {"version": 1}).status_code == 404
    client.force_login(world.chenjing)  # 鲤城区's office
    assert client.get(f"/plans/{world.plan.pk}/documents/").status_code == 404


def test_the_office_drafts_and_edits_through_the_api(quarter):
    world = quarter.world
    api = APIClient()
    api.force_authenticate(world.wangfang)
    made = api.post(
        f"/api/v1/plans/{world.plan.pk}/documents", {"kind": "bulletin", "period": "2026Q3"}, format="json"
    )
    assert made.status_code == 201
    assert made.json()["title"].startswith("关于2026年第三季度")
    wrong = api.post(
        f"/api/v1/plans/{world.plan.pk}/documents", {"kind": "bulletin", "period": "Q9"}, format="json"
    )
    assert wrong.status_code == 400
    assert wrong.json()["__all__"]
    doc_id = made.json()["id"]
    edited = api.patch(
        f"/api/v1/documents/{doc_id}",
        {"title": "关于第三季度目标任务落实情况的通报", "body": "正文。", "version": 1},
        format="json",
    )
    assert edited.status_code == 200
    assert edited.json()["version"] == 2
    stale = api.patch(f"/api/v1/documents/{doc_id}", {"title": "x", "body": "y", "version": 1}, format="json")
    assert stale.status_code == 400
    listing = api.get(f"/api/v1/plans/{world.plan.pk}/documents")
    assert [d["title"] for d in listing.json()] == ["关于第三季度目标任务落实情况的通报"]
    api.force_authenticate(world.liming)
    assert api.get(f"/api/v1/plans/{world.plan.pk}/documents").status_code == 403


def test_the_office_finds_its_plans_documents_and_ledger_from_the_menu(client, quarter):
    world = quarter.world
    client.force_login(world.wangfang)
    html = client.get("/documents/").content.decode()
    assert f"/plans/{world.plan.pk}/documents/" in html
    assert f"/plans/{world.plan.pk}/ledger.xlsx" in html
    assert 'href="/documents/"' in client.get("/review/").content.decode()  # the menu
    client.force_login(world.liming)
    assert client.get("/documents/").status_code == 403


def test_an_interview_record_is_drafted_for_a_named_task(client, quarter):
    world = quarter.world
    client.force_login(world.wangfang)
    client.post(f"/plans/{world.plan.pk}/documents/draft/", {"kind": "interview", "task_seq": "2"})
    doc = Document.objects.get()
    assert doc.title == "关于第2项目标任务推进滞后的约谈记录"
    assert "被约谈人：区教育局主要负责同志、分管领导" in doc.body
    assert "两所学校尚未开工，进度滞后序时50个百分点" in doc.body
    refused = client.post(f"/plans/{world.plan.pk}/documents/draft/", {"kind": "interview"})
    assert refused.status_code == 400
    assert Document.objects.count() == 1
