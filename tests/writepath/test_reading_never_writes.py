"""Reading never writes: everyone, and no one, opens every page and every GET endpoint; no table changes.

The URLs come from the resolver (pages, the API, the admin's lists and forms), each id filled with a real
object of the story, so a page added tomorrow is crawled without touching this test.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ingest import services as ingest_services
from orgs.models import Role, Unit
from progress import services
from progress.models import Period
from targets.models import Plan, Section
from tests.factories import RegionFactory, member
from tests.ingest.conftest import seed_upload
from tests.ingest.gold import QUANGANG
from tests.progress.factories import World, file
from tests.writepath.dbstate import changed_tables, table_digests

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SKIPPED = re.compile(r"^(logout/|i18n/|admin/logout/|admin/r/)")


def _patterns(resolvers: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in resolvers:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin is crawled from its registry below
            yield from _patterns(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def _fill(route: str, ids: dict[str, int]) -> str | None:
    """'tasks/<int:task_id>/periods/<int:period_id>/report/' → '/tasks/3/periods/7/report/'."""
    if route.startswith("^") or "(?P" in route:
        return None
    missing = [name for name in re.findall(r"<(?:\w+:)?(\w+)>", route) if name not in ids]
    if missing:
        raise AssertionError(f"no object for {missing} in {route}: add one to the story")
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids[m.group(1)]), route)


def _admin_urls() -> list[str]:
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        first = model_admin.get_queryset(None).order_by("pk").first() if hasattr(model, "objects") else None  # type: ignore[arg-type]
        if first is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[first.pk]))
            urls.append(reverse("admin:{}_{}_delete".format(*info), args=[first.pk]))
    user = get_user_model().objects.order_by("pk").first()
    assert user is not None
    urls.append(reverse("admin:auth_user_password_change", args=[user.pk]))
    return urls


def _round_two_objects(world: World) -> dict[str, Any]:
    """One object of each kind the round-2 pages and endpoints name in their URLs."""
    from django.core.management import call_command

    from assessment.services import assess
    from dashboards.services import submit_feedback
    from exports.models import Document
    from notify.models import Channel, Message, RobotHook
    from orgs.models import Person
    from supervision.models import Commendation, Extension, Notice

    day = dt.date(2026, 4, 20)
    notice = Notice.objects.create(
        region=world.plan.region, task=world.task, unit=world.fagai, year=2026, level=1, rule="red_at_scan",
        reasons=["连续两期未报送"], proposed_on=day,
    )  # fmt: skip
    praise = Commendation.objects.create(
        region=world.plan.region, kind=Commendation.Kind.DONE_EARLY, key="t1", unit=world.fagai,
        task=world.task, proposed_on=day,
    )  # fmt: skip
    extension = Extension.objects.create(
        task=world.task, unit=world.fagai, old_date=dt.date(2026, 12, 31), new_date=dt.date(2027, 3, 31),
        reason="资金未到位", progress="已完成设计", requested_by=world.liming, requested_on=day,
    )  # fmt: skip
    document = Document.objects.create(
        region=world.plan.region, plan=world.plan, year=2026, kind="bulletin", title="季度通报", body="正文", organ="督查室",
    )  # fmt: skip
    hook = RobotHook.objects.create(
        region=world.plan.region, channel=Channel.WECOM, name="群", url="https://qyapi.weixin.qq.com/x"
    )
    call_command("remind", "--date", "2026-04-01", stdout=io.StringIO())
    message = Message.objects.order_by("pk").first() or Message.objects.create(
        key="k", channel=Channel.EMAIL, kind=Message.Kind.OTHER, region=world.plan.region, subject="s", body="b",
        not_before=timezone.now(), next_attempt_at=timezone.now(), state=Message.State.DEAD,
    )  # fmt: skip
    person = Person.objects.create(
        region=world.plan.region, unit=world.fagai, kind="liaison", name="李明", user=world.liming
    )
    assess(plan=world.plan, today=day, by="manage.py assess")
    feedback = submit_feedback(
        unit=world.fagai,
        by=world.liming,
        kind="suggestion",
        subject="合并报表",
        text="月报和季报请合并填写。",
    )
    return {
        "feedback_id": feedback.pk,
        "notice_id": notice.pk,
        "commendation_id": praise.pk,
        "extension_id": extension.pk,
        "document_id": document.pk,
        "hook_id": hook.pk,
        "message_id": message.pk,
        "person_id": person.pk,
        "region_id": world.plan.region_id,
        "unit_id": world.fagai.pk,
        "action": "compute",
    }


@pytest.fixture
def story(world: World, settings: Any) -> dict[str, Any]:
    """泉港区's plan with a report filed (with a file), one waiting for sign-off, co-unit input, an import."""
    settings.ALLOWED_HOSTS = ["testserver"]
    march, april = world.period("month", 3), world.period("month", 4)
    report = file(world, march, evidence=[SimpleUploadedFile("进度.pdf", PDF)])
    services.add_co_input(
        task=world.task, period=march, unit=world.gongxin, by=world.zhaoqiang, text="工信局配合。"
    )
    Unit.objects.filter(pk=world.fagai.pk).update(requires_signoff=True)
    file(world, april, text="四月进度。")
    batch = ingest_services.create_batch(
        region=world.plan.region, year=2026, upload=seed_upload(QUANGANG), by=world.wangfang
    )
    ingest_services.parse_batch(batch_id=batch.pk)
    admin_user = get_user_model().objects.create_superuser("admin", "admin@example.com", "Admin-pass-2026")
    section = Section.objects.create(plan=world.plan, title="一、主要目标")
    more = _round_two_objects(world)
    ids = {
        "task_id": world.task.pk,
        "plan_id": world.plan.pk,
        "period_id": march.pk,
        "report_id": report.pk,
        "evidence_id": report.evidence.get().pk,
        "batch_id": batch.pk,
        "section_id": section.pk,
        **more,
    }
    people = {
        "anonymous": None,
        "supervisor": world.wangfang,
        "other supervisor": world.chenjing,
        "liaison": world.liming,
        "co-unit liaison": world.zhaoqiang,
        "unit leader": world.fagai_leader,
        "leader": world.zengguozhi,
        "observer": world.zhoumin,
        "admin": admin_user,
    }
    return {"ids": ids, "people": people}


def test_no_page_or_get_endpoint_changes_a_row_for_anyone(story: dict[str, Any], today: Any) -> None:
    today(dt.date(2026, 4, 20))
    routes = [r for r in _patterns(get_resolver().url_patterns) if not SKIPPED.match(r)]
    urls = sorted({u for r in routes if (u := _fill(r, story["ids"])) is not None})
    assert "/api/v1/me/due" in urls
    assert "/due/" in urls
    assert "/plans/" in urls
    assert "/overview/" in urls
    assert "/cockpit/" in urls
    assert f"/feedback/{story['ids']['feedback_id']}/" in urls
    assert f"/tasks/{story['ids']['task_id']}/due-date/" in urls  # the office's edit pages are crawled too
    admin_urls = _admin_urls()
    clients: list[tuple[str, Client, list[str]]] = []
    for role, user in story["people"].items():
        client = Client()
        if user is not None:
            client.force_login(user)  # logging in writes last_login: done before the snapshot
        clients.append((role, client, urls + (admin_urls if role == "admin" else [])))

    before = table_digests()
    answered: dict[int, int] = {}
    for _role, client, role_urls in clients:
        for url in role_urls:
            code = client.get(url, HTTP_X_FORWARDED_PROTO="https").status_code
            answered[code] = answered.get(code, 0) + 1
    assert changed_tables(before, table_digests()) == []
    assert answered.get(200, 0) > 100, answered  # pages were really read, not all refused


def test_a_plan_without_periods_shows_nothing_due_and_creates_none(
    world: World, client: Client, today: Any
) -> None:
    """Before, the workspace created a plan's periods the first time anyone looked."""
    Period.objects.filter(plan=world.plan).delete()
    client.force_login(world.liming)
    assert client.get(reverse("progress:workspace")).status_code == 200
    assert client.get(reverse("progress:calendar", args=[world.plan.pk])).status_code in (200, 403, 404)
    client.force_login(world.wangfang)
    assert client.get(reverse("progress:calendar", args=[world.plan.pk])).status_code == 200
    assert client.get("/api/v1/me/due").status_code == 200
    assert not Period.objects.filter(plan=world.plan).exists()


def test_confirming_a_plan_creates_its_periods(media: Any) -> None:
    quangang: Any = RegionFactory(name="泉港区")
    wangfang = member("wangfang", Role.SUPERVISOR, region=quangang)
    batch = ingest_services.create_batch(
        region=quangang, year=2026, upload=seed_upload(QUANGANG), by=wangfang
    )
    ingest_services.confirm_batch(batch=ingest_services.parse_batch(batch_id=batch.pk), by=wangfang)
    plan = Plan.objects.get(region=quangang, year=2026)
    assert plan.periods.filter(kind="month").count() == 12
    assert plan.periods.filter(kind="year").count() == 1
