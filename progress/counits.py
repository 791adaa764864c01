"""A co-unit's period in one step: "本期无协办事项" records "nothing to add" for every co-unit task of the
period still waiting for the unit's input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from orgs.models import Unit
from progress.access import check_co_unit_liaison
from progress.errors import ReportStateError
from progress.models import CoInput, Period, ProgressReport
from progress.rules import PeriodInfo, is_open
from targets.models import Assignment, Task


def waiting_co_tasks(*, unit: Unit, period: Period) -> list[int]:
    """Tasks of the period's plan on which the unit (itself or through a group) is a co-unit but not a
    lead (a lead files the report itself), that have no input from it yet and whose lead report is not
    accepted: the co-unit items of 我的待办 for that period."""
    unit_ids = [unit.pk, *unit.groups.values_list("pk", flat=True)]
    assigned = Assignment.objects.filter(
        unit_id__in=unit_ids,
        task__plan_id=period.plan_id,
        task__status=Task.Status.ACTIVE,
        task__due_date__gte=period.start,
    ).values_list("task_id", "role")
    co = {t for t, role in assigned if role == Assignment.Role.CO}
    lead = {t for t, role in assigned if role == Assignment.Role.LEAD}
    given = set(
        CoInput.objects.filter(unit=unit, period=period, task_id__in=co).values_list("task_id", flat=True)
    )
    accepted = set(
        ProgressReport.objects.filter(
            period=period, task_id__in=co, state=ProgressReport.State.ACCEPTED
        ).values_list("task_id", flat=True)
    )
    return sorted(co - lead - given - accepted)


@transaction.atomic
def confirm_nothing_to_add(*, unit: Unit, period: Period, by: Any, today: dt.date) -> list[CoInput]:
    """Record "nothing to add this period" for each of the period's co-unit tasks still waiting for the
    unit's input. Idempotent: a second call finds nothing waiting and records nothing."""
    check_co_unit_liaison(by, unit)
    if not is_open(period_info(period), today=today):
        raise ReportStateError(_("This period is not open for reports; nothing was recorded."))
    # Lock the unit's row: two clicks at once must not record the same tasks twice.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    task_ids = waiting_co_tasks(unit=unit, period=period)
    now = timezone.now()
    text = _("Nothing to add this period")
    created = CoInput.objects.bulk_create(
        CoInput(task_id=t, period=period, unit=unit, by=by, text=text, nothing_to_add=True, at=now)
        for t in task_ids
    )
    if created:
        record(
            actor=by,
            verb="progress.co_nothing_to_add",
            obj=unit,
            after={"period": period.pk, "tasks": task_ids, "inputs": [c.pk for c in created], "text": text},
        )
    return created


def period_info(period: Period) -> PeriodInfo:
    return PeriodInfo(
        period.pk, period.plan_id, period.kind, period.start, period.end, period.due_date, period.locked
    )
