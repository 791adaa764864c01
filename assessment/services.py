"""The assessment's business actions: compute (draft), publish, object, answer, freeze, reopen; rubric edits.
Each is atomic and audited; a frozen result refuses every change but a recorded reopening."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import gather, scoring
from assessment.models import Assessment, Objection, RubricVersion, Score
from assessment.rubric import Rubric, RubricError, from_data
from audit.services import record
from orgs.models import Region, Unit
from progress import services as progress_services
from progress.calendar import add_working_days
from targets.models import Plan

OBJECTION_WORKING_DAYS = 5


class AssessmentError(Exception):
    """The action does not fit the assessment's state; the message says why and what to do."""


def rubric_for(region: Region, year: int) -> tuple[Rubric, dict[str, Any]]:
    latest = RubricVersion.objects.filter(region=region, year=year).order_by("-version").first()
    data = latest.data if latest else {}
    return from_data(data), data


@transaction.atomic
def save_rubric(*, region: Region, year: int, data: dict[str, Any], by: Any) -> RubricVersion:
    """A new version of the office's numbers; refused when it would score a forbidden input."""
    from_data(data)  # raises RubricError with the reason
    frozen = Assessment.objects.filter(plan__region=region, plan__year=year, state=Assessment.State.FROZEN)
    if frozen.exists():
        raise RubricError(_("The result of this year is frozen: reopen it by a recorded decision first."))
    last = RubricVersion.objects.filter(region=region, year=year).order_by("-version").first()
    version = RubricVersion.objects.create(
        region=region,
        year=year,
        version=(last.version + 1) if last else 1,
        data=data,
        created_by_name=str(getattr(by, "username", by))[:150],
    )
    record(
        actor=by, verb="assessment.rubric_saved", obj=version, before=last.data if last else None, after=data
    )
    return version


def _compute(plan: Plan, today: dt.date, rubric: Rubric) -> list[dict[str, Any]]:
    inputs = gather.inputs_for(plan, today=today, rubric=rubric)
    units = Unit.objects.in_bulk(list(inputs))
    scores = {
        uid: scoring.score(i, rubric) for uid, i in inputs.items() if uid in units and not units[uid].is_group
    }
    groups: dict[str, dict[int, float]] = {}
    for uid, s in scores.items():
        groups.setdefault(scoring.group_of(units[uid].kind), {})[uid] = s.total
    ranked = {uid: rank for members in groups.values() for uid, rank in scoring.ranks(members).items()}
    rows = []
    for uid, s in scores.items():
        rows.append(
            {
                "unit": units[uid],
                "group": scoring.group_of(units[uid].kind),
                "total": Decimal(str(s.total)),
                "grade": rubric.grade(s.total),
                "rank": ranked[uid],
                "components": s.components,
                "lines": [
                    {"task_id": x.task_id, "rule": x.rule, "points": x.points, "reason": x.reason}
                    for x in s.lines
                ],
            }
        )
    return rows


@transaction.atomic
def assess(*, plan: Plan, today: dt.date, by: Any, dry_run: bool = False) -> list[dict[str, Any]]:
    """Compute every unit's score as a draft (again, when inputs changed). Refused once frozen."""
    existing = Assessment.objects.select_for_update().filter(plan=plan).first()
    if existing is not None and existing.state == Assessment.State.FROZEN:
        raise AssessmentError(_("The result is frozen; it can only be reopened by a recorded decision."))
    rubric, data = rubric_for(plan.region, plan.year)
    rows = _compute(plan, today, rubric)
    if dry_run:
        return rows
    before = _summary(existing) if existing else None
    assessment = existing or Assessment(plan=plan, computed_on=today)
    assessment.computed_on = today
    assessment.rubric = data
    if existing is not None:
        assessment.version += 1
    assessment.save()
    old = {s.unit_id: s for s in Score.objects.filter(assessment=assessment)}
    keep = set()
    for row in rows:
        score = old.get(row["unit"].pk)
        fields = {k: v for k, v in row.items() if k != "unit"}
        if score is None:
            Score.objects.create(assessment=assessment, unit=row["unit"], **fields)
        else:
            for k, v in fields.items():
                setattr(score, k, v)
            score.save()
        keep.add(row["unit"].pk)
    Score.objects.filter(assessment=assessment).exclude(unit_id__in=keep).delete()
    record(actor=by, verb="assessment.computed", obj=assessment, before=before, after=_summary(assessment))
    return rows


def _summary(assessment: Assessment) -> dict[str, Any]:
    return {
        "state": assessment.state,
        "computed_on": assessment.computed_on,
        "version": assessment.version,
        "totals": {
            str(uid): str(t)
            for uid, t in Score.objects.filter(assessment=assessment).values_list("unit_id", "total")
        },
    }


def _move(assessment: Assessment, *, allowed: list[str], **changes: Any) -> Assessment:
    done = Assessment.objects.filter(pk=assessment.pk, state__in=allowed, version=assessment.version).update(
        version=assessment.version + 1, **changes
    )
    if not done:
        raise AssessmentError(
            _("The assessment changed meanwhile or is not in a state that allows this; reload the page.")
        )
    assessment.refresh_from_db()
    return assessment


@transaction.atomic
def publish(*, assessment: Assessment, by: Any, today: dt.date) -> Assessment:
    cal = progress_services.work_calendar(assessment.plan.region_id)
    until = add_working_days(cal, today, OBJECTION_WORKING_DAYS)
    before = _summary(assessment)
    assessment = _move(
        assessment,
        allowed=[Assessment.State.DRAFT],
        state=Assessment.State.PUBLISHED,
        published_on=today,
        objections_until=until,
    )
    record(actor=by, verb="assessment.published", obj=assessment, before=before, after=_summary(assessment))
    return assessment


@transaction.atomic
def object_to(*, score: Score, by: Any, text: str, today: dt.date) -> Objection:
    a = score.assessment
    if a.state != Assessment.State.PUBLISHED or (a.objections_until and today > a.objections_until):
        raise AssessmentError(
            _("Objections are taken only while the result is published, until the window closes.")
        )
    if not text.strip():
        raise AssessmentError(_("Say what is wrong and why."))
    objection = Objection.objects.create(score=score, text=text.strip(), filed_by=by, filed_on=today)
    record(
        actor=by,
        verb="assessment.objection",
        obj=objection,
        after={"unit": score.unit_id, "text": objection.text},
    )
    return objection


@transaction.atomic
def answer(*, objection: Objection, by: Any, text: str) -> Objection:
    if objection.score.assessment.state == Assessment.State.FROZEN:
        raise AssessmentError(_("The result is frozen."))
    if not text.strip():
        raise AssessmentError(_("Write the answer to the objection."))
    objection.answer, objection.answered_by, objection.state = text.strip(), by, Objection.State.ANSWERED
    objection.save(update_fields=["answer", "answered_by", "state"])
    record(actor=by, verb="assessment.objection_answered", obj=objection, after={"answer": objection.answer})
    return objection


def result_hash(assessment: Assessment) -> str:
    rows = list(
        Score.objects.filter(assessment=assessment)
        .order_by("unit_id")
        .values_list("unit_id", "total", "grade", "rank", "lines")
    )
    payload = json.dumps(
        [[u, str(t), g, r, lines] for u, t, g, r, lines in rows], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def freeze(*, assessment: Assessment, by: Any) -> Assessment:
    if Objection.objects.filter(score__assessment=assessment, state=Objection.State.OPEN).exists():
        raise AssessmentError(_("Answer every objection before freezing the result."))
    before = _summary(assessment)
    assessment = _move(
        assessment,
        allowed=[Assessment.State.PUBLISHED, Assessment.State.DRAFT],
        state=Assessment.State.FROZEN,
        frozen_at=timezone.now(),
        frozen_hash=result_hash(assessment),
    )
    record(
        actor=by,
        verb="assessment.frozen",
        obj=assessment,
        before=before,
        after={**_summary(assessment), "hash": assessment.frozen_hash},
    )
    return assessment


@transaction.atomic
def reopen(*, assessment: Assessment, by: Any, reason: str) -> Assessment:
    if not reason.strip():
        raise AssessmentError(_("Reopening a frozen result needs a recorded decision: say why."))
    before = {**_summary(assessment), "hash": assessment.frozen_hash}
    assessment = _move(
        assessment,
        allowed=[Assessment.State.FROZEN],
        state=Assessment.State.DRAFT,
        frozen_at=None,
        frozen_hash="",
    )
    record(
        actor=by,
        verb="assessment.reopened",
        obj=assessment,
        before=before,
        after={**_summary(assessment), "reason": reason.strip()},
    )
    return assessment
