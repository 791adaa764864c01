"""The reports' write path: filing, "no change", co-unit input, sign-off, acceptance and return.

Each business action is one function: keyword-only, atomic, audited, the actor's permission checked
(progress.access.check_*). Every change to a report is a conditional UPDATE … WHERE version = n: two
people saving the same report at once cannot overwrite each other; the second is told the report changed
(ReportChanged) and shown it. Readings and evidence (by its SHA-256) are in the audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from orgs.models import Unit
from progress import clock
from progress.access import check_co_unit, check_filer, check_office, check_signer
from progress.errors import ReportChanged, ReportInvalid, ReportStateError
from progress.evidence import check_file, limit_problem
from progress.models import (
    CalendarConfig,
    CoInput,
    Evidence,
    IndicatorReading,
    Period,
    ProgressReport,
    ReportVersion,
)
from progress.rules import ROUTINE_KINDS, no_change_refusal, validate_report
from progress.schedule import calendar_config
from targets.models import Task

State = ProgressReport.State


def needs_signoff(*, unit: Unit, period: Period, config: CalendarConfig | None = None) -> bool:
    """Monthly reports go straight to the office unless the unit switched on its leader's sign-off;
    summaries need the unit leader (RULES.md) unless the office's calendar says otherwise."""
    if unit.requires_signoff:
        return True
    if period.is_summary:
        config = config or calendar_config(period.plan)
        return config.summaries_need_signoff
    return False


def _readings_of(report: ProgressReport) -> list[dict[str, Any]]:
    return [
        {"indicator_id": r.indicator_id, "name": r.indicator.name, "value": r.value, "note": r.note}
        for r in report.readings.select_related("indicator").order_by("indicator__order", "indicator_id")
    ]


def _evidence_of(report: ProgressReport) -> list[dict[str, Any]]:
    return [
        {"id": e.pk, "name": e.name, "size": e.size, "sha256": e.sha256}
        for e in report.evidence.order_by("pk")
    ]


def _snapshot(
    report: ProgressReport,
    *,
    action: str,
    by: Any,
    comment: str = "",
    readings: list[dict[str, Any]] | None = None,
    evidence: list[dict[str, Any]] | None = None,
) -> ReportVersion:
    """The version row; `readings` / `evidence` when the caller knows them (a report just created),
    else read back."""
    readings = _readings_of(report) if readings is None else readings
    evidence = _evidence_of(report) if evidence is None else evidence
    return ReportVersion.objects.create(
        report=report,
        number=report.version,
        action=action,
        state=report.state,
        status=report.status,
        percent=report.percent,
        text=report.text,
        readings=readings,
        evidence=evidence,
        comment=comment,
        by=by if getattr(by, "pk", None) else None,
        by_name=(by.get_full_name() or by.get_username()) if getattr(by, "pk", None) else "",
        at=timezone.now(),
    )


def _current(report_id: int) -> ProgressReport:
    return ProgressReport.objects.select_related("task__plan__region", "unit", "period").get(pk=report_id)


def _audit_state(report: ProgressReport) -> dict[str, Any]:
    return {
        "version": report.version,
        "state": report.state,
        "status": report.status,
        "percent": report.percent,
        "text": report.text,
    }


def _conditional_update(report: ProgressReport, *, expected: int, **changes: Any) -> ProgressReport:
    """UPDATE … SET version = n + 1 WHERE id = … AND version = n; nobody's change is lost."""
    updated = ProgressReport.objects.filter(pk=report.pk, version=expected).update(
        version=expected + 1, **changes
    )
    if not updated:
        raise ReportChanged(_current(report.pk))
    return _current(report.pk)


Clean = dict[int, tuple[float | None, str]]
Indicators = dict[int, tuple[int, str]]  # indicator id → (order, name)


def _clean_readings(task: Task, readings: Mapping[int, Any] | None) -> tuple[Clean, Indicators]:
    """indicator id → (value, note), and the task's indicators as read for the check (empty when no
    reading is given); readings for indicators of another task are an error."""
    out: Clean = {}
    if not readings:
        return out, {}
    known: Indicators = {
        pk: (order, name) for pk, order, name in task.indicators.order_by().values_list("pk", "order", "name")
    }
    errors: dict[str, list[str]] = {}
    for raw_id, raw in readings.items():
        indicator_id = int(raw_id)
        value, note = raw if isinstance(raw, tuple) else (raw, "")
        if indicator_id not in known:
            errors["readings"] = [_("Indicator %(id)s does not belong to this task.") % {"id": indicator_id}]
            continue
        # + 0.0: a -0 is kept as 0 (SQLite stores it so), the version row says what the database holds
        out[indicator_id] = (None if value in (None, "") else float(str(value)) + 0.0, (note or "")[:255])
    if errors:
        raise ReportInvalid(errors)
    return out, known


def _new_readings(clean: Clean, indicators: Indicators) -> list[dict[str, Any]]:
    """What _readings_of reads back for a report just created with the readings `clean`, in its order."""
    ordered = sorted(clean.items(), key=lambda item: (indicators[item[0]][0], item[0]))
    return [
        {"indicator_id": pk, "name": indicators[pk][1], "value": value, "note": note}
        for pk, (value, note) in ordered
    ]


def _check_evidence(files: Sequence[UploadedFile[Any]]) -> list[tuple[UploadedFile[Any], str]]:
    accepted: list[tuple[UploadedFile[Any], str]] = []
    problems: list[str] = []
    for f in files:
        content_type, problem = check_file(f.name or "", f.size or 0, f)
        if problem:
            problems.append(problem)
        else:
            accepted.append((f, content_type or ""))
    if problems:
        raise ReportInvalid({"evidence": problems})
    return accepted


def _save_readings(
    report: ProgressReport, readings: Mapping[int, tuple[float | None, str]], *, new: bool
) -> None:
    """`new`: the report was created in this transaction and has no readings yet."""
    if not readings:
        return  # nothing given, nothing changes (no need to read the report's readings)
    existing = {} if new else {r.indicator_id: r for r in report.readings.order_by()}
    for indicator_id, (value, note) in readings.items():
        reading = existing.get(indicator_id)
        if reading is None:
            IndicatorReading.objects.create(report=report, indicator_id=indicator_id, value=value, note=note)
        elif (reading.value, reading.note) != (value, note):
            reading.value, reading.note = value, note
            reading.save(update_fields=["value", "note"])


def _sha256(f: UploadedFile[Any]) -> str:
    digest = hashlib.sha256()
    f.seek(0)
    for chunk in f.chunks():
        digest.update(chunk)
    f.seek(0)
    return digest.hexdigest()


def _save_evidence(
    report: ProgressReport, files: Sequence[tuple[UploadedFile[Any], str, str]], by: Any, *, new: bool
) -> list[dict[str, Any]]:
    """Save the files (each with its type and SHA-256); the evidence rows made, as _evidence_of lists them.
    `new`: the report was created in this transaction and has no evidence yet."""
    if not files:
        return []
    problem = limit_problem(
        [] if new else list(report.evidence.values_list("size", flat=True)),
        [f.size or 0 for f, _type, _sha in files],
        settings.EVIDENCE_MAX_FILES,
        settings.EVIDENCE_MAX_TOTAL_BYTES,
    )
    if problem:
        raise ReportInvalid({"evidence": [problem]})  # the whole filing is rolled back
    now = timezone.now()
    made = [
        Evidence.objects.create(
            report=report,
            file=f,
            name=(f.name or "")[:255],
            content_type=content_type,
            size=f.size or 0,
            sha256=sha256,
            uploaded_by=by if getattr(by, "pk", None) else None,
            uploaded_at=now,
        )
        for f, content_type, sha256 in files
    ]
    return [{"id": e.pk, "name": e.name, "size": e.size, "sha256": e.sha256} for e in made]


# The services that hold the guards (period lock, accepted reports, version conflict, sign-off) are made atomic
# by assignment below each one (`accept_report = transaction.atomic(_accept_report)`), not with a decorator:
# mutmut does not mutate decorated functions, and these must be mutated (docs/mutation.md). `_file_report`
# opens its transaction itself, after what only reads (see there).
def _file_report(
    *,
    task: Task,
    unit: Unit,
    period: Period,
    by: Any,
    status: str,
    percent: Any,
    text: str,
    readings: Mapping[int, Any] | None = None,
    evidence: Sequence[UploadedFile[Any]] = (),
    version: int | None = None,
    no_change: bool = False,
) -> ProgressReport:
    """File the lead unit's report for a task and period, or a new version of it.

    `version` is the version the person was looking at (None: they saw no report). A report filed or
    changed by someone else since raises ReportChanged; nothing is overwritten.

    The filer's right, the values, the readings' indicators and the files (their type, their SHA-256) are
    checked before the transaction opens: SQLite holds its write lock from BEGIN IMMEDIATE to COMMIT, and
    on deadline day every other filing waits for it. The report as it stands, the version check and every
    write are inside the transaction, atomic together.
    """
    check_filer(by, task, unit)
    values_only = {k: (v[0] if isinstance(v, tuple) else v) for k, v in (readings or {}).items()}
    errors = validate_report(
        kind=period.kind, status=status, percent=percent, text=text, readings=values_only
    )
    if errors:
        raise ReportInvalid(errors)
    clean, indicators = _clean_readings(task, readings)
    files = [(f, content_type, _sha256(f)) for f, content_type in _check_evidence(evidence)]
    if period.locked:
        raise ReportStateError(_("The review of this period is closed; its reports can no longer change."))
    state = State.PENDING_SIGNOFF if needs_signoff(unit=unit, period=period) else State.FILED
    with transaction.atomic():
        values = {
            "status": status,
            "percent": int(str(percent)),
            "text": text.strip(),
            "no_change": no_change,
            "state": state,
            "filed_by": by if getattr(by, "pk", None) else None,  # a command files as no person
            "filed_at": timezone.now(),
            "signed_off_by": None,
            "signed_off_at": None,
        }
        if not version:
            # The person saw no report: it is created, and one that is there already (filed a moment ago)
            # is the unique constraint's to find, without reading first.
            try:
                with transaction.atomic():
                    report = ProgressReport.objects.create(
                        task=task, unit=unit, period=period, version=1, **values
                    )
            except IntegrityError:
                # Someone filed the same report meanwhile.
                raise ReportChanged(
                    _current(ProgressReport.objects.get(task=task, unit=unit, period=period).pk)
                ) from None
            before = None
        else:
            # by its key (unique together): the default order would join the period and the task
            seen = ProgressReport.objects.filter(task=task, unit=unit, period=period).order_by("pk").first()
            if seen is None:
                raise ReportStateError(_("This report no longer exists; open the form again."))
            if version != seen.version:
                raise ReportChanged(_current(seen.pk))
            if seen.state == State.ACCEPTED:
                raise ReportStateError(_("This report has been accepted and can no longer be changed."))
            before = _audit_state(seen) | {"readings": _readings_of(seen), "evidence": _evidence_of(seen)}
            report = _conditional_update(seen, expected=version, **values)
        _save_readings(report, clean, new=before is None)
        evidence_rows = _save_evidence(report, files, by, new=before is None)
        action = ReportVersion.Action.NO_CHANGE if no_change else ReportVersion.Action.FILED
        # a report just created holds exactly what was saved: its version row need not read it back
        version_row = (
            _snapshot(
                report,
                action=action,
                by=by,
                readings=_new_readings(clean, indicators),
                evidence=evidence_rows,
            )
            if before is None
            else _snapshot(report, action=action, by=by)
        )
        after = _audit_state(report) | {"readings": version_row.readings, "evidence": version_row.evidence}
        record(actor=by, verb=f"progress.report_{action}", obj=report, before=before, after=after)
    return report


file_report = _file_report


def previous_report(
    *, task: Task, unit: Unit, period: Period, routine_only: bool = False
) -> ProgressReport | None:
    """The unit's latest report on the task in an earlier period (the form is pre-filled from it)."""
    qs = ProgressReport.objects.filter(task=task, unit=unit, period__due_date__lt=period.due_date).exclude(
        period=period
    )
    if routine_only:
        qs = qs.filter(period__kind__in=ROUTINE_KINDS)
    # the readings in no order (a dict is made of them; their default order joins the report and more),
    # who filed it with it (the pages show it)
    readings = Prefetch("readings", queryset=IndicatorReading.objects.order_by())
    return (
        qs.select_related("period", "filed_by")
        .prefetch_related(readings)
        .order_by("-period__due_date")
        .first()
    )


def _confirm_no_change(
    *,
    task: Task,
    unit: Unit,
    period: Period,
    by: Any,
    version: int | None = None,
    today: dt.date | None = None,
) -> ProgressReport:
    """A month in which nothing changed: file last period's report again, in one step. Only once the
    period is over and when the office has accepted that last report (progress.rules.no_change_refusal)."""
    check_filer(by, task, unit)
    last = previous_report(task=task, unit=unit, period=period, routine_only=True)
    refusal = no_change_refusal(
        kind=period.kind,
        period_end=period.end,
        previous_state=last.state if last else None,
        today=today or clock.today(),
    )
    if refusal or last is None:
        raise ReportInvalid({"__all__": [refusal or ""]})
    readings = {r.indicator_id: (r.value, r.note) for r in last.readings.all()}
    return file_report(
        task=task,
        unit=unit,
        period=period,
        by=by,
        status=last.status,
        percent=last.percent,
        text=last.text,
        readings=readings,
        version=version,
        no_change=True,
    )


confirm_no_change = transaction.atomic(_confirm_no_change)


def _add_co_input(*, task: Task, period: Period, unit: Unit, by: Any, text: str) -> CoInput:
    """A co-unit adds its part to the lead unit's report (kept beside it, never overwritten)."""
    check_co_unit(by, task, unit)
    if not text.strip():
        raise ReportInvalid({"text": [_("Write what your unit did for this task.")]})
    if period.locked:
        raise ReportStateError(_("The review of this period is closed; its reports can no longer change."))
    co = CoInput.objects.create(
        task=task, period=period, unit=unit, by=by, text=text.strip(), at=timezone.now()
    )
    record(
        actor=by,
        verb="progress.co_input_added",
        obj=co,
        after={"task": task.pk, "period": period.pk, "text": co.text},
    )
    return co


add_co_input = transaction.atomic(_add_co_input)


def _transition(
    report: ProgressReport,
    *,
    by: Any,
    version: int | None,
    allowed_from: tuple[str, ...],
    action: str,
    comment: str = "",
    **changes: Any,
) -> ProgressReport:
    if version is not None and version != report.version:
        raise ReportChanged(_current(report.pk))
    if report.period.locked:
        raise ReportStateError(_("The review of this period is closed; its reports can no longer change."))
    if report.state not in allowed_from:
        raise ReportStateError(
            _("This report is “%(state)s”; reload the page to see its current state.")
            % {"state": report.get_state_display()}
        )
    before = _audit_state(report)
    report = _conditional_update(
        report, expected=version if version is not None else report.version, **changes
    )
    _snapshot(report, action=action, by=by, comment=comment)
    record(
        actor=by,
        verb=f"progress.report_{action}",
        obj=report,
        before=before,
        after={**_audit_state(report), "comment": comment},
    )
    return report


def _sign_off(*, report: ProgressReport, by: Any, version: int | None = None) -> ProgressReport:
    """The unit leader approves the report; it goes to the supervision office."""
    check_signer(by, report)
    return _transition(
        report,
        by=by,
        version=version,
        allowed_from=(State.PENDING_SIGNOFF,),
        action=ReportVersion.Action.SIGNED_OFF,
        state=State.FILED,
        signed_off_by=by,
        signed_off_at=timezone.now(),
    )


sign_off = transaction.atomic(_sign_off)


@transaction.atomic
def send_back(*, report: ProgressReport, by: Any, comment: str, version: int | None = None) -> ProgressReport:
    """The unit leader sends the report back to the liaison instead of signing it off, saying why."""
    check_signer(by, report)
    if not comment.strip():
        raise ReportInvalid({"comment": [_("Say what the liaison should change before sending it back.")]})
    return _transition(
        report,
        by=by,
        version=version,
        allowed_from=(State.PENDING_SIGNOFF,),
        action=ReportVersion.Action.SENT_BACK,
        comment=comment.strip(),
        state=State.RETURNED,
        reviewed_by=by,
        reviewed_at=timezone.now(),
        review_comment=comment.strip(),
    )


@transaction.atomic
def reopen_report(
    *, report: ProgressReport, by: Any, reason: str, version: int | None = None
) -> ProgressReport:
    """The office reopens an accepted report while its period is open: it goes back to the liaison's
    list, returned with the reason, and is filed and reviewed again."""
    check_office(by, report.task.plan.region_id)
    if not reason.strip():
        raise ReportInvalid({"comment": [_("Say why the report is reopened.")]})
    return _transition(
        report,
        by=by,
        version=version,
        allowed_from=(State.ACCEPTED,),
        action=ReportVersion.Action.REOPENED,
        comment=reason.strip(),
        state=State.RETURNED,
        reviewed_by=by,
        reviewed_at=timezone.now(),
        review_comment=reason.strip(),
    )


def _accept_report(
    *, report: ProgressReport, by: Any, version: int | None = None, comment: str = ""
) -> ProgressReport:
    check_office(by, report.task.plan.region_id)
    return _transition(
        report,
        by=by,
        version=version,
        allowed_from=(State.FILED,),
        action=ReportVersion.Action.ACCEPTED,
        comment=comment.strip(),
        state=State.ACCEPTED,
        reviewed_by=by,
        reviewed_at=timezone.now(),
        review_comment=comment.strip(),
    )


accept_report = transaction.atomic(_accept_report)


def _return_report(
    *, report: ProgressReport, by: Any, comment: str, version: int | None = None
) -> ProgressReport:
    """Send the report back to the liaison's workspace with what to fix."""
    check_office(by, report.task.plan.region_id)
    if not comment.strip():
        raise ReportInvalid({"comment": [_("Say what the unit should fix before returning the report.")]})
    return _transition(
        report,
        by=by,
        version=version,
        allowed_from=(State.FILED,),
        action=ReportVersion.Action.RETURNED,
        comment=comment.strip(),
        state=State.RETURNED,
        reviewed_by=by,
        reviewed_at=timezone.now(),
        review_comment=comment.strip(),
    )


return_report = transaction.atomic(_return_report)
