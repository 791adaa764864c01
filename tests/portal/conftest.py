"""The portal's cast: the progress world (泉港区, 李明 of 发改局, 王芳 the office …) plus 泉州市 over 泉港区 and
鲤城区, 林华 observing the city, and 鲤城区's own plan with the same GDP task as 泉港区's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from orgs.models import Region, Role
from tests.factories import AssignmentFactory, PlanFactory, TaskFactory, UnitFactory, member
from tests.progress.conftest import fast_passwords, media, today, world  # noqa: F401  (the same cast)
from tests.progress.factories import World


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


@dataclass
class City:
    quanzhou: Region
    licheng: Region
    linhua: Any  # observer of 泉州市
    licheng_plan: Any
    licheng_gdp: Any  # 鲤城区's GDP task, the same as 泉港区's task 1


@pytest.fixture
def city(world: World) -> City:  # noqa: F811  (the world fixture imported above)
    return make_city(world)


def make_city(district: World) -> City:
    quanzhou = Region.objects.create(name="泉州市")
    licheng = Region.objects.get(name="鲤城区")
    Region.objects.filter(name__in=["泉港区", "鲤城区"]).update(parent=quanzhou)
    plan = PlanFactory(region=licheng, year=2026)
    gdp = TaskFactory(plan=plan, seq=1, text="全区生产总值增长5.5%左右，规上工业增加值增长5%。")
    AssignmentFactory(task=gdp, unit=UnitFactory(region=licheng, name="鲤城区发改局"), role="lead")
    other = TaskFactory(plan=plan, seq=2, text="建成口袋公园12个，新增停车泊位3000个。")
    AssignmentFactory(task=other, unit=UnitFactory(region=licheng, name="鲤城区住建局"), role="lead")
    linhua = member("linhua", Role.OBSERVER, region=quanzhou)
    linhua.first_name = "林华"
    linhua.save(update_fields=["first_name"])
    district.plan.refresh_from_db()
    return City(quanzhou, licheng, linhua, plan, gdp)
