"""lights_for_tasks reads in a constant number of queries, however many tasks (pages, API, other apps)."""

import datetime as dt

import pytest

from orgs.roles import roles_of
from supervision.lights import lights_for_tasks
from targets.models import Task
from tests.progress.factories import add_tasks, file

pytestmark = pytest.mark.django_db


def count(world, django_assert_max_num_queries, viewer):
    tasks = list(Task.objects.filter(plan=world.plan).select_related("plan__region"))
    roles_of(viewer)  # read once per request, as the pages do
    with django_assert_max_num_queries(16) as ctx:
        lights = lights_for_tasks(tasks, today=dt.date(2026, 4, 20), viewer=viewer)
    assert len(lights) == len(tasks)
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_tasks(world, django_assert_max_num_queries):
    file(world, world.period("month", 3), percent=25)
    one = count(world, django_assert_max_num_queries, world.liming)
    add_tasks(world, 25)
    assert count(world, django_assert_max_num_queries, world.liming) == one
    assert count(world, django_assert_max_num_queries, world.wangfang) <= one
