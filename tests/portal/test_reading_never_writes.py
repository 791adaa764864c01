"""Reading the portal never writes: every portal page, for anonymous, a liaison of another unit, the office,
the observer and 林华 of the city, changes no table (the resolver-wide crawl in tests/writepath covers these
URLs too, with a district only; this one has a city over it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from targets.services import add_milestone, publish_plan
from tests.portal.conftest import City
from tests.progress.factories import World, file
from tests.writepath.dbstate import changed_tables, table_digests

pytestmark = pytest.mark.django_db


def test_no_portal_page_changes_a_row_for_anyone(world: World, city: City, today: Any) -> None:
    today(dt.date(2026, 4, 20))
    file(world, world.period("month", 3))
    add_milestone(
        task=world.task, title="开工", due_date=dt.date(2026, 5, 1), by=world.liming, unit=world.fagai
    )
    publish_plan(plan=world.plan, published=True, by=world.wangfang)
    q = city.quanzhou.pk
    urls = [
        reverse("portal:public"),
        reverse("portal:public_plan", args=[world.plan.pk]),
        reverse("portal:units"),
        reverse("portal:unit", args=[world.fagai.pk]),
        reverse("portal:unit", args=[world.gongxin.pk]),
        reverse("portal:city_index"),
        reverse("portal:city", args=[q]),
        reverse("portal:city_compare", args=[q]),
        reverse("portal:city_plan", args=[q, world.plan.pk]),
        reverse("portal:city_task", args=[q, world.task.pk]),
        reverse("portal:publish", args=[world.plan.pk]),  # a GET is refused (405)
        reverse("portal:milestone_edit", args=[world.fagai.pk]),
    ]
    people = [None, world.jiaoyu_liaison, world.liming, world.wangfang, world.zhoumin, city.linhua]
    clients = []
    for user in people:
        client = Client()
        if user is not None:
            client.force_login(user)
        clients.append(client)
    before = table_digests()
    codes = [client.get(url).status_code for client in clients for url in urls]
    assert changed_tables(before, table_digests()) == []
    assert codes.count(200) >= 20, codes
