"""The public page over a real table: 鲤城区's seed (twelve leaders in charge, among them 曾国志 and 王伟) is
imported and published; an anonymous reader gets every task and no leader's name."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from duban.management.commands.demo import SEED_DIR, SEEDS
from ingest.management.commands.import_plan import import_file
from orgs.models import Person
from targets.models import Plan
from targets.services import publish_plan

pytestmark = pytest.mark.django_db


class _Quiet:
    def say(self, line: str) -> None:
        pass


def test_an_anonymous_reader_gets_the_published_seed_without_a_leaders_name(media: Any, today: Any) -> None:
    _prefix, region, seed = next(s for s in SEEDS if s[1] == "鲤城区")
    import_file(SEED_DIR / seed, region_name=region, year=2026, dry_run=False, out=_Quiet())
    plan = Plan.objects.get(region__name=region)
    publish_plan(plan=plan, published=True, by="manage.py demo")
    leaders = set(Person.objects.filter(kind=Person.Kind.LEADER).values_list("name", flat=True))
    assert {"曾国志", "王伟"} <= {n.replace(" ", "") for n in leaders}
    client = Client()
    index = client.get(reverse("portal:public"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = client.get(reverse("portal:public_plan", args=[plan.pk]))
    assert index.status_code == 200
    assert page.status_code == 200
    for body in (index.content.decode(), page.content.decode()):
        for name in leaders:
            assert name not in body, name
            assert name.replace(" ", "") not in body, name
    assert page.content.decode().count('class="pub-row-status"') == plan.tasks.count()
