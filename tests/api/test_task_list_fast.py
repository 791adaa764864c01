"""The task list of a plan is built from plain values, not field by field through TaskSerializer (issue 17:
the only list over 200 ms at city scale). TaskSerializer stays the documented schema, so 王芳, 李明 and 赵强
must get exactly the bytes it would have rendered: same keys, order, numbers, dates and lights."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient, APIRequestFactory

from api.serializers_plans import TaskSerializer
from progress import clock
from supervision.lights import lights_for_tasks
from targets.access import plan_tasks
from targets.models import Indicator, Task
from tests.factories import AssignmentFactory, PersonFactory, TaskFactory, TaskLeaderFactory
from tests.progress.factories import build_world, file

pytestmark = pytest.mark.django_db


def _as_the_serializer_renders(user: Any, plan: Any) -> bytes:
    """The old way: every field through TaskSerializer, rendered by DRF's JSON renderer."""
    tasks = list(plan_tasks(user, plan).select_related("plan__region"))
    lights = lights_for_tasks(tasks, today=clock.today(), viewer=user)
    request = APIRequestFactory().get(f"/api/v1/plans/{plan.pk}/tasks")
    data = TaskSerializer(tasks, many=True, context={"lights": lights, "request": request}).data
    return JSONRenderer().render(data)


@pytest.fixture
def world() -> Any:
    """泉港区's plan: task 1 (发改局 with 工信局, 曾国志, 5.5%, a filed report) and four more, unlike each other."""
    world = build_world()
    file(world, world.period("month"))
    task = world.task
    task.section_path = ["一、主要目标", "（一）经济发展"]
    task.parse_issues = ["协办单位“区工信局”按简称匹配"]
    task.save(update_fields=["section_path", "parse_issues"])
    plan, fagai, gongxin, jiaoyu = world.plan, world.fagai, world.gongxin, world.jiaoyu

    # 2: two lead units and two co-units, two leaders, indicators of every shape
    two: Any = TaskFactory(plan=plan, seq=2, text="城镇新增就业2700人以上，居民人均可支配收入增长6%。")
    AssignmentFactory(task=two, unit=jiaoyu, role="lead", order=0)
    AssignmentFactory(task=two, unit=fagai, role="lead", order=1)
    AssignmentFactory(task=two, unit=gongxin, role="co", order=2)
    AssignmentFactory(task=two, unit=jiaoyu, role="co", order=3)
    TaskLeaderFactory(task=two, person=PersonFactory(region=plan.region, name="林志强"), order=1)
    TaskLeaderFactory(task=two, person=PersonFactory(region=plan.region, name="黄美玲"), order=0)
    for order, (kind, comparator, value, unit) in enumerate(
        [
            ("level", ">=", 2700, "人"),
            ("growth_rate", "~", 0.1 + 0.2, "%"),
            ("decline_rate", "<=", 1e-7, None),
            ("multiple", "=", 1.5e20, "倍"),
            ("annual_avg_growth", ">=", -3.25, "%"),
            ("qualitative", "=", None, None),
        ]
    ):
        Indicator.objects.create(
            task=two,
            order=5 - order,  # listed by order, not by creation
            name=f"指标{order}",
            kind=kind,
            comparator=comparator,
            value=value,
            unit=unit,
            target_year=2026 + order % 2,
            span="增长6%左右" if order else "",
        )
    # 3: a lead unit only, no section, issues as objects; overdue since 1 January
    three: Any = TaskFactory(
        plan=plan,
        seq=3,
        text="完成老旧小区改造12个。",
        section_path=[],
        due_date=dt.date(plan.year, 1, 1),
        parse_issues=[{"row": 7, "column": "牵头单位", "issue": "无法识别", "cell": None}],
    )
    AssignmentFactory(task=three, unit=gongxin, role="lead")
    # 4: no unit, no leader, no indicator (read only by the office)
    TaskFactory(plan=plan, seq=4, text="谋划储备一批重大项目。")
    # 5: withdrawn, 发改局 as co-unit
    five: Any = TaskFactory(plan=plan, seq=5, text="已撤销的任务。", status=Task.Status.WITHDRAWN)
    AssignmentFactory(task=five, unit=fagai, role="co")
    return world


@pytest.mark.parametrize("who", ["wangfang", "liming", "zhaoqiang", "zengguozhi", "zhoumin"])
def test_each_reader_gets_the_bytes_task_serializer_would_render(world: Any, who: str) -> None:
    user = getattr(world, who)
    api = APIClient()
    api.force_authenticate(user)
    response = api.get(f"/api/v1/plans/{world.plan.pk}/tasks", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.content == _as_the_serializer_renders(user, world.plan)
    assert response.json(), "every reader here sees at least one task"


def test_wang_fang_sees_every_shape_of_value(world: Any) -> None:
    """The comparison above is only as good as the data: make sure the odd values really are in the answer."""
    api = APIClient()
    api.force_authenticate(world.wangfang)
    tasks = {t["seq"]: t for t in api.get(f"/api/v1/plans/{world.plan.pk}/tasks").json()}
    assert set(tasks) == {1, 2, 3, 4, 5}
    two = tasks[2]
    assert two["lead_units"] == ["区教育局", "区发改局"]
    assert two["co_units"] == ["区工信局", "区教育局"]
    assert two["leaders"] == ["黄美玲", "林志强"]
    assert [i["value"] for i in two["indicators"]] == [None, -3.25, 1.5e20, 1e-7, 0.1 + 0.2, 2700.0]
    assert [i["unit"] for i in two["indicators"]][:3] == [None, "%", "倍"]
    assert tasks[3]["due_date"] == f"{world.plan.year}-01-01"
    assert tasks[3]["section"] == []
    assert tasks[3]["parse_issues"][0]["cell"] is None
    assert tasks[1]["section"] == ["一、主要目标", "（一）经济发展"]
    assert tasks[1]["light_reasons"]
    assert len({t["light"] for t in tasks.values()}) > 1, "more than one colour to compare"
    assert tasks[4]["lead_units"] == tasks[4]["leaders"] == tasks[4]["indicators"] == []
