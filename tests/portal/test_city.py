"""The city view: 林华 observes 泉州市 and reads 泉港区 and 鲤城区 rolled up, drills down read-only, and sees the
same GDP task of both districts side by side (and last year's, carried over). 王芳, 泉港区's office, does not
read the city, nor her neighbour 鲤城区."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import compare
from supervision.models import Notice
from tests.factories import AssignmentFactory, PlanFactory, TaskFactory
from tests.portal.conftest import City
from tests.progress.factories import World, add_tasks, file

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_normalising_keeps_what_a_task_is_and_drops_numbers_and_the_regions_prefix() -> None:
    assert compare.normalise("全区生产总值增长5.5%左右。") == compare.normalise("地区生产总值增长6%左右")
    assert compare.normalise("１２３，（）") == ""


def test_groups_join_the_same_task_of_different_districts_only() -> None:
    entries = [
        compare.Entry(1, 10, compare.normalise("地区生产总值增长5.5%左右")),
        compare.Entry(
            2, 10, compare.normalise("全区生产总值增长6%左右")
        ),  # same district: not a pair on its own
        compare.Entry(3, 20, compare.normalise("全区生产总值增长5%左右")),
        compare.Entry(4, 20, compare.normalise("建成口袋公园12个")),
    ]
    assert [[e.id for e in g] for g in compare.groups(entries)] == [[1, 2, 3]]
    assert [e.id for e, _score in compare.similar("区生产总值增长7%左右", entries, exclude=1)] == [2, 3]


def test_lin_hua_reads_the_districts_rolled_up(world: World, city: City, today: Any) -> None:
    today(dt.date(2026, 4, 20))
    report = file(world, world.period("month", 3))
    type(report).objects.filter(pk=report.pk).update(filed_at=dt.datetime(2026, 4, 8, 9, tzinfo=dt.UTC))
    Notice.objects.create(
        region=world.plan.region, task=world.task, unit=world.fagai, year=2026, level=1, rule="red_at_scan",
        reasons=["未报送"], proposed_on=dt.date(2026, 4, 1), state=Notice.State.ISSUED, seq_no=1,
        number="泉港督〔2026〕1号", issued_on=dt.date(2026, 4, 1), answer_due=dt.date(2026, 4, 10),
    )  # fmt: skip
    response = _client(city.linhua).get(reverse("portal:city", args=[city.quanzhou.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "泉港区" in body
    assert "鲤城区" in body
    assert reverse("portal:city_plan", args=[city.quanzhou.pk, world.plan.pk]) in body
    assert "1/1（100%）" in body  # 发改局 reported March: 泉港区's one lead unit of one task
    assert "<td>1</td>" in body  # the notice whose answer was due on 10 April


def test_lin_hua_drills_down_read_only_and_sees_the_same_task_side_by_side(
    world: World, city: City, today: Any
) -> None:
    last_year: Any = PlanFactory(region=world.plan.region, year=2025)
    carried: Any = TaskFactory(plan=last_year, seq=3, text="地区生产总值增长6%左右，规上工业增加值增长6.5%。")
    AssignmentFactory(task=carried, unit=world.fagai, role="lead")
    client = _client(city.linhua)
    plan_page = client.get(
        reverse("portal:city_plan", args=[city.quanzhou.pk, world.plan.pk])
    ).content.decode()
    assert "地区生产总值增长5.5%左右" in plan_page
    assert "曾国志" in plan_page  # the city reads who is in charge
    assert "添加关键节点" not in plan_page
    task_page = client.get(
        reverse("portal:city_task", args=[city.quanzhou.pk, world.task.pk])
    ).content.decode()
    assert "全区生产总值增长5.5%左右" in task_page  # 鲤城区's
    assert "鲤城区 · 2026" in task_page
    assert "泉港区 · 2025" in task_page  # last year's, carried over
    assert "建成口袋公园" not in task_page
    side = client.get(reverse("portal:city_compare", args=[city.quanzhou.pk]) + "?year=2026").content.decode()
    assert side.count('class="side-by-side card"') == 1
    assert "全区生产总值增长5.5%左右" in side
    assert "地区生产总值增长5.5%左右" in side
    assert "泉港区 · 2025" not in side
    url = reverse("portal:city_compare", args=[city.quanzhou.pk]) + "?year=2026&span=years"
    carried = client.get(url).content.decode()
    assert carried.count('class="side-by-side card"') == 1
    assert "泉港区 · 2025 · 3" in carried  # last year's, beside this year's two


def test_lin_hua_reads_a_task_s_words_as_written_never_as_markup(world: World, city: City) -> None:
    """The plan's rows are made in Python, not by the template: what an import typed is escaped there."""
    type(world.task).objects.filter(pk=world.task.pk).update(text="<i>\"地区\"</i> & '生产'总值")
    type(world.fagai).objects.filter(pk=world.fagai.pk).update(name="发改<局>")
    url = reverse("portal:city_plan", args=[city.quanzhou.pk, world.plan.pk])
    page = _client(city.linhua).get(url).content.decode()
    task_url = reverse("portal:city_task", args=[city.quanzhou.pk, world.task.pk])
    assert f'<a href="{task_url}">&lt;i&gt;&quot;地区&quot;&lt;/i&gt; &amp; &#x27;生产&#x27;总值</a>' in page
    assert "<td>发改&lt;局&gt;</td>" in page
    assert "<i>" not in page


def test_lin_hua_reads_a_districts_unit_page_but_edits_nothing(world: World, city: City, today: Any) -> None:
    body = _client(city.linhua).get(reverse("portal:unit", args=[world.fagai.pk])).content.decode()
    assert "地区生产总值增长5.5%左右" in body
    assert "添加关键节点" not in body


@pytest.mark.parametrize("who", ["wangfang", "chenjing", "liming", "zengguozhi", "zhoumin"])
def test_a_districts_people_do_not_read_the_city(world: World, city: City, who: str) -> None:
    client = _client(getattr(world, who))
    assert client.get(reverse("portal:city", args=[city.quanzhou.pk])).status_code == 404
    assert client.get(reverse("portal:city_compare", args=[city.quanzhou.pk])).status_code == 404
    plan_url = reverse("portal:city_plan", args=[city.quanzhou.pk, city.licheng_plan.pk])
    assert client.get(plan_url).status_code == 404
    task_url = reverse("portal:city_task", args=[city.quanzhou.pk, city.licheng_gdp.pk])
    assert client.get(task_url).status_code == 404


def test_a_district_is_not_a_city_and_a_task_elsewhere_is_not_found(world: World, city: City) -> None:
    client = _client(city.linhua)
    assert client.get(reverse("portal:city", args=[world.plan.region_id])).status_code == 404
    other: Any = PlanFactory(year=2026)  # a region outside 泉州市
    assert client.get(reverse("portal:city_plan", args=[city.quanzhou.pk, other.pk])).status_code == 404
    assert "泉州市" in client.get(reverse("portal:city_index")).content.decode()
    assert "市级汇总" in client.get(reverse("portal:city_index")).content.decode()  # in the nav


def test_anonymous_is_sent_to_log_in(world: World, city: City) -> None:
    response = Client().get(reverse("portal:city", args=[city.quanzhou.pk]))
    assert response.status_code == 302


def _count(client: Client, url: str) -> int:
    cache.clear()  # the roll-up is cached a few minutes: count the work, not the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_roll_up_and_the_drill_down_take_the_same_queries_for_10_and_40_tasks(
    world: World, city: City, today: Any
) -> None:
    client = _client(city.linhua)
    rollup = reverse("portal:city", args=[city.quanzhou.pk])
    drill = reverse("portal:city_plan", args=[city.quanzhou.pk, world.plan.pk])
    add_tasks(world, 9)
    _count(client, rollup)
    ten = (_count(client, rollup), _count(client, drill))
    add_tasks(world, 30)
    assert (_count(client, rollup), _count(client, drill)) == ten


def test_the_cached_roll_up_follows_a_report_at_once(
    world: World, city: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.city import rollup

    day = dt.date(2026, 4, 20)
    filed_at = dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: filed_at)

    def quangang() -> tuple[dict[str, int], int]:
        rows = {d.region.pk: d for d in rollup(city.quanzhou, 2026, today=day, viewer=city.linhua)}
        row = rows[world.plan.region_id]
        return dict(row.lights), row.reported

    before = quangang()
    assert quangang() == before  # from the cache
    file(world, world.period("month", 1))
    file(world, world.period("month", 2))
    file(world, world.period("month", 3))
    after = quangang()
    assert after != before  # the roll-up cached a moment ago is not served: the data changed
