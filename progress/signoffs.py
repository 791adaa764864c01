"""The unit leader's sign-off as a unit's setting: switching it on or off (off releases what waits for it), and
the units whose reports wait for a leader nobody is (the review queue warns of them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from audit.services import record
from orgs.models import Membership, Role, Unit
from progress.access import check_office
from progress.models import ProgressReport, ReportVersion
from progress.reports import _transition, needs_signoff

State = ProgressReport.State


@dataclass(frozen=True)
class StuckSignoff:
    """A unit whose reports wait for its leader's sign-off while nobody holds that role there."""

    unit_id: int
    unit_name: str
    waiting: int
    plan_ids: frozenset[int]


def stuck_signoffs(*, region_ids: Iterable[int] | None) -> list[StuckSignoff]:
    """Units with reports pending sign-off and no active unit-leader account: those reports would wait
    forever. One query however many units; `region_ids` None means every region."""
    leader = Membership.objects.filter(
        role=Role.UNIT_LEADER, unit_id=OuterRef("unit_id"), user__is_active=True
    )
    pending = ProgressReport.objects.filter(state=State.PENDING_SIGNOFF).filter(~Exists(leader))
    if region_ids is not None:
        pending = pending.filter(task__plan__region_id__in=list(region_ids))
    rows = (
        pending.values("unit_id", "unit__name", "task__plan_id")
        .annotate(n=Count("pk"))
        .order_by("unit__name", "unit_id", "task__plan_id")
    )
    units: dict[int, tuple[str, int, set[int]]] = {}
    for row in rows:
        name, n, plans = units.get(row["unit_id"], (row["unit__name"], 0, set()))
        plans.add(row["task__plan_id"])
        units[row["unit_id"]] = (name, n + row["n"], plans)
    return [StuckSignoff(uid, name, n, frozenset(plans)) for uid, (name, n, plans) in units.items()]


@transaction.atomic
def set_signoff(*, unit: Unit, required: bool, by: Any) -> list[ProgressReport]:
    """Switch the unit leader's sign-off of monthly reports on or off; switching it off releases the
    reports waiting for it (returned: the reports sent on to the office)."""
    check_office(by, unit.region_id)
    before = unit.requires_signoff
    if before != required:
        Unit.objects.filter(pk=unit.pk).update(requires_signoff=required)
        unit.requires_signoff = required
        record(
            actor=by,
            verb="unit.signoff_set",
            obj=unit,
            before={"requires_signoff": before},
            after={"requires_signoff": required},
        )
    return [] if required else release_signoffs(unit=unit, by=by)


@transaction.atomic
def release_signoffs(*, unit: Unit, by: Any) -> list[ProgressReport]:
    """The unit no longer needs its leader's sign-off: reports waiting for it go to the office now
    (those of open periods that no longer need it; a summary the calendar says needs it keeps waiting)."""
    check_office(by, unit.region_id)
    released: list[ProgressReport] = []
    waiting = (
        ProgressReport.objects.filter(unit=unit, state=State.PENDING_SIGNOFF, period__locked=False)
        .select_related("task__plan__region", "unit", "period__plan")
        .order_by("pk")
    )
    for report in waiting:
        if needs_signoff(unit=unit, period=report.period):
            continue
        released.append(
            _transition(
                report,
                by=by,
                version=report.version,
                allowed_from=(State.PENDING_SIGNOFF,),
                action=ReportVersion.Action.RELEASED,
                comment=_("The unit's leader sign-off was switched off."),
                state=State.FILED,
            )
        )
    return released
