"""王芳 computes, publishes and freezes 泉港区's result from the page; 赵强 (工信局) reads his unit's score and
objects; 李明 cannot open 工信局's page; the Excel export opens."""

import io

import openpyxl

from assessment.models import Assessment, Objection


def test_the_office_runs_the_assessment_from_its_page(world, client):
    client.force_login(world.wangfang)
    base = f"/plans/{world.plan.pk}/assessment/"
    assert client.get(base).status_code == 200
    client.post(base + "compute/")
    page = client.get(base).content.decode()
    assert "区发改局" in page
    assert 'id="score-data"' in page
    client.post(base + "publish/")
    assert Assessment.objects.get().state == Assessment.State.PUBLISHED
    workbook = client.get(f"/plans/{world.plan.pk}/assessment.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content))["考核结果"]
    assert sheet.cell(1, 3).value == "单位"
    client.force_login(world.zhaoqiang)
    own = f"{base}units/{world.gongxin.pk}/"
    assert client.get(own).status_code == 200
    client.post(own + "objection/", {"text": "协办材料已按期提供。"})
    assert Objection.objects.count() == 1
    assert client.get(f"{base}units/{world.fagai.pk}/").status_code == 404
    client.force_login(world.wangfang)
    client.post(base + "freeze/")
    assert Assessment.objects.get().state == Assessment.State.PUBLISHED  # an open objection blocks freezing


def test_units_and_other_offices_cannot_open_the_result_page(world, client):
    for user in (world.liming, world.chenjing):
        client.force_login(user)
        assert client.get(f"/plans/{world.plan.pk}/assessment/").status_code == 404
        assert client.post(f"/plans/{world.plan.pk}/assessment/compute/").status_code == 404
    assert not Assessment.objects.exists()
