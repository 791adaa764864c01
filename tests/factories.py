"""Factories for the core models. Tests in every folder use them; add new ones in your own folder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from orgs.models import Membership, Person, Region, Role, Unit
from targets.models import Assignment, Plan, Section, Task, TaskLeader

PASSWORD = "duban-test-pw-1"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyAttribute(lambda o: o.username)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"第{n}区")


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit
        django_get_or_create = ("region", "name")

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"区第{n}局")
    kind = Unit.Kind.DEPARTMENT


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"张{n}")
    kind = Person.Kind.LEADER


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.SUPERVISOR
    region = factory.SubFactory(RegionFactory)
    unit = None


class PlanFactory(factory.django.DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    region = factory.SubFactory(RegionFactory)
    year = 2026
    title = factory.LazyAttribute(lambda o: f"{o.year}年区政府工作报告目标任务责任分解表")


class SectionFactory(factory.django.DjangoModelFactory[Section]):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"（{n}）重点工作")


class TaskFactory(factory.django.DjangoModelFactory[Task]):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    seq = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"第{n}项任务：全年新增城镇就业2700人以上。")
    due_date = factory.LazyAttribute(lambda o: dt.date(o.plan.year, 12, 31))


class AssignmentFactory(factory.django.DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    task = factory.SubFactory(TaskFactory)
    unit = factory.SubFactory(UnitFactory, region=factory.SelfAttribute("..task.plan.region"))
    role = Assignment.Role.LEAD


class TaskLeaderFactory(factory.django.DjangoModelFactory[TaskLeader]):
    class Meta:
        model = TaskLeader

    task = factory.SubFactory(TaskFactory)
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..task.plan.region"))


def member(
    username: str, role: str, *, region: Region, unit: Unit | None = None, person: Person | None = None
):
    """A user with one membership: member("li", Role.LIAISON, region=r, unit=u)."""
    user: Any = UserFactory(username=username)
    Membership.objects.create(user=user, role=role, region=region, unit=unit, person=person)
    return user
