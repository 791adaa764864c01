"""The plan and task pages: 王芳 reads her region's plan, 李明 sees his unit's tasks, 陈静 sees none of it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from orgs.models import Person, Role, Unit
from targets.models import Assignment, Task
from targets.views import TASK_PAGE
from tests.factories import PersonFactory, RegionFactory, UnitFactory, member
from tests.targets.builders import big_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    quangang, licheng = RegionFactory(name="泉港区"), RegionFactory(name="鲤城区")
    fagai = UnitFactory(region=quangang, name="发改局")
    towns = UnitFactory(region=quangang, name="各镇（街道）", kind=Unit.Kind.GROUP)
    houlong = UnitFactory(region=quangang, name="后龙镇", kind=Unit.Kind.TOWN)
    towns.members.add(houlong)
    jiaoyu = UnitFactory(region=quangang, name="教育局")
    zeng = PersonFactory(region=quangang, name="曾国志", kind=Person.Kind.LEADER)
    plan = big_plan(quangang, 3, lead=fagai, co=towns, leader=zeng)
    other = Task.objects.create(
        plan=plan, seq=4, text="推进义务教育优质均衡发展。", due_date=plan.tasks.first().due_date
    )
    Assignment.objects.create(task=other, unit=jiaoyu, role=Assignment.Role.LEAD)
    return {
        "plan": plan,
        "other": other,
        "wang_fang": member("wangfang", Role.SUPERVISOR, region=quangang),
        "li_ming": member("liming", Role.LIAISON, region=quangang, unit=fagai),
        "houlong": member("houlong", Role.LIAISON, region=quangang, unit=houlong),
        "zeng": member("zeng", Role.LEADER, region=quangang, person=zeng),
        "chen_jing": member("chenjing", Role.SUPERVISOR, region=licheng),
        "fagai": fagai,
    }


def test_wang_fang_reads_every_task_with_units_leaders_and_indicators(client, story):
    client.force_login(story["wang_fang"])
    page = client.get(reverse("targets:plan_list")).content.decode()
    assert "泉港区2026年分解表" in page
    page = client.get(reverse("targets:task_list", args=[story["plan"].pk])).content.decode()
    assert 'class="grid stack"' in page
    assert 'data-label="牵头单位"' in page
    assert "共 4 项任务" in page
    assert "发改局" in page
    assert "各镇（街道）" in page
    assert "曾国志" in page
    # the indicator as a badge (name and target), not merely its words in the task's text
    assert '<span class="badge">新增城镇就业 ≥2700人</span>' in page


def test_filters_by_section_unit_and_text(client, story):
    client.force_login(story["wang_fang"])
    url = reverse("targets:task_list", args=[story["plan"].pk])
    assert "共 1 项任务" in client.get(url, {"q": "义务教育"}).content.decode()
    assert "共 3 项任务" in client.get(url, {"unit": story["fagai"].pk}).content.decode()
    section = story["plan"].sections.get()
    assert "共 3 项任务" in client.get(url, {"section": section.pk}).content.decode()
    partial = client.get(url, {"q": "义务教育"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "义务教育" in partial


def test_li_ming_sees_only_his_units_tasks(client, story):
    client.force_login(story["li_ming"])
    page = client.get(reverse("targets:task_list", args=[story["plan"].pk])).content.decode()
    assert "共 3 项任务" in page
    assert "义务教育" not in page
    assert client.get(reverse("targets:task_detail", args=[story["other"].pk])).status_code == 404


def test_a_town_sees_the_tasks_of_its_group_and_the_leader_his_portfolio(client, story):
    client.force_login(story["houlong"])
    assert "共 3 项任务" in client.get(reverse("targets:task_list", args=[story["plan"].pk])).content.decode()
    client.force_login(story["zeng"])
    assert "共 3 项任务" in client.get(reverse("targets:task_list", args=[story["plan"].pk])).content.decode()


def test_chen_jing_of_another_region_gets_404(client, story):
    client.force_login(story["chen_jing"])
    assert client.get(reverse("targets:task_list", args=[story["plan"].pk])).status_code == 404
    task = story["plan"].tasks.first()
    assert client.get(reverse("targets:task_detail", args=[task.pk])).status_code == 404
    assert "泉港区" not in client.get(reverse("targets:plan_list")).content.decode()


def test_task_detail_shows_text_units_indicators_and_parse_issues(client, story):
    task = story["plan"].tasks.get(seq=1)
    task.parse_issues = ["co_units cell empty in source"]
    task.save()
    client.force_login(story["wang_fang"])
    page = client.get(reverse("targets:task_detail", args=[task.pk])).content.decode()
    assert "第 1 项任务" in page
    assert "新增城镇就业2700人以上" in page
    assert "发改局" in page
    assert "曾国志" in page
    assert "不低于" in page
    assert "目标值" in page
    assert "原表“协办单位”一栏为空" in page


def test_anonymous_visitors_are_sent_to_login(client, story):
    response = client.get(reverse("targets:task_list", args=[story["plan"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


# session, user, memberships, (unit groups), plan, tasks, assignments, leaders, indicators, sections, units …
# + 12 (supervisor: blue known from the tasks) and 14 (liaison) for the lights column: supervision.lights reads each kind of row once
# + 1 the data version (the lights' cache key), + 1 counting the tasks for the pager (a page shows TASK_PAGE of them)
QUERIES = {"supervisor": 24, "liaison": 26}  # the liaison's unit groups: read once a request


@pytest.mark.parametrize("role", ["supervisor", "liaison"])
@pytest.mark.parametrize("n", [10, 1000])
def test_the_task_list_costs_the_same_queries_for_10_and_1000_tasks(
    client, django_assert_num_queries, role, n
):
    region = RegionFactory(name="泉港区")
    lead, co = UnitFactory(region=region, name="发改局"), UnitFactory(region=region, name="财政局")
    plan = big_plan(region, n, lead=lead, co=co, leader=PersonFactory(region=region))
    if role == "supervisor":
        user = member("wangfang", Role.SUPERVISOR, region=region)
    else:
        user = member("liming", Role.LIAISON, region=region, unit=lead)
    client.force_login(user)
    with django_assert_num_queries(QUERIES[role]):
        response = client.get(reverse("targets:task_list", args=[plan.pk]))
    assert response.content.decode().count('data-label="序号"') == min(n, TASK_PAGE)


def test_li_mings_unit_filter_lists_only_units_on_his_tasks(client, story):
    client.force_login(story["li_ming"])
    page = client.get(reverse("targets:task_list", args=[story["plan"].pk])).content.decode()
    assert "教育局" not in page


def test_wangfang_pages_through_a_long_plan_keeping_her_filters(client):
    region = RegionFactory(name="泉港区")
    lead, co = UnitFactory(region=region, name="发改局"), UnitFactory(region=region, name="财政局")
    plan = big_plan(region, TASK_PAGE + 5, lead=lead, co=co, leader=PersonFactory(region=region))
    client.force_login(member("wangfang", Role.SUPERVISOR, region=region))
    url = reverse("targets:task_list", args=[plan.pk])
    first = client.get(url).content.decode()
    assert f"共 {TASK_PAGE + 5} 项任务" in first
    assert first.count('data-label="序号"') == TASK_PAGE
    assert 'href="?page=2" rel="next"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('data-label="序号"') == 5
    assert 'rel="next"' not in second
    assert 'href="?page=1" rel="prev"' in second
    filtered = client.get(url, {"unit": lead.pk, "page": 2}).content.decode()
    assert f'href="?unit={lead.pk}&amp;page=1" rel="prev"' in filtered
