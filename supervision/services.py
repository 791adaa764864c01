"""The supervision loop's write path. Each business action is one function: keyword-only, atomic, audited.

State changes are conditional UPDATEs (… WHERE state IN … AND version = n): two people acting on the
same notice at once cannot both succeed. 文号 come from a counter row locked for the transaction, so
they have no gaps and no twins per region and year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from audit.services import record
from orgs.models import Region
from progress.calendar import add_working_days, working_days_between
from supervision.lights import calendars, config_for
from supervision.models import (
    Adjustment,
    Commendation,
    Extension,
    Interview,
    LightOverride,
    Notice,
    NoticeCounter,
)
from supervision.rules import COLORS
from supervision.tags import TAGS, infer_tags
from targets.models import Task

S = Notice.State
# L3 (accountability) and L4 (referral) are a person's decision, with a reason (RULES.md rule 7)
PERSON_ONLY_LEVEL = 3
MIN_SHORT_NAME = 2


class SupervisionError(Exception):
    """Field → messages (Chinese), shown beside the fields or returned as JSON."""

    def __init__(self, errors: dict[str, list[str]] | str):
        if isinstance(errors, str):
            errors = {"__all__": [errors]}
        super().__init__(errors)
        self.errors = errors


def _name(by: Any) -> str:
    if getattr(by, "pk", None):
        return str(by.first_name or by.get_username())
    return str(by or "system")


def _state(notice: Notice) -> dict[str, Any]:
    return {"state": notice.state, "level": notice.level, "number": notice.number, "version": notice.version}


def _move(notice: Notice, *, allowed: Iterable[str], **changes: Any) -> Notice:
    """Conditional update: only from an allowed state and the version read; else the notice changed."""
    rows = Notice.objects.filter(pk=notice.pk, state__in=list(allowed), version=notice.version).update(
        version=F("version") + 1, **changes
    )
    if rows != 1:
        current = Notice.objects.get(pk=notice.pk)
        raise SupervisionError(
            _("This notice is now “%(state)s”; reload the page to see its current state.")
            % {"state": current.get_state_display()}
        )
    notice.refresh_from_db()
    return notice


def short_name(region: Region) -> str:
    custom = ((region.settings or {}).get("supervision") or {}).get("short")
    if isinstance(custom, str) and custom:
        return custom
    name = region.name
    return name[:-1] if len(name) > MIN_SHORT_NAME and name[-1] in "区县市" else name


def _next_number(region: Region, year: int) -> tuple[int, str]:
    """The next 文号 of the region and year; the counter row stays locked until the caller commits."""
    NoticeCounter.objects.get_or_create(region=region, year=year)
    counter = NoticeCounter.objects.select_for_update().get(region=region, year=year)
    n = counter.last + 1
    NoticeCounter.objects.filter(pk=counter.pk).update(last=n)
    fmt = config_for(region).number_format
    return n, fmt.format(short=short_name(region), year=year, n=n)


@transaction.atomic
def issue_notice(*, notice: Notice, by: Any, today: dt.date, reason: str = "") -> Notice:
    """A supervisor issues a draft: it gets its 文号 and its answer due date. L3 and L4 need a reason."""
    if notice.level >= PERSON_ONLY_LEVEL and not reason.strip():
        raise SupervisionError(
            {"reason": [_("Accountability and referral are a person's decision: say why.")]}
        )
    region = Region.objects.get(pk=notice.region_id)
    before = _state(notice)
    cal = calendars([region.pk])[region.pk]
    due = add_working_days(cal, today, config_for(region).answer_working_days)
    notice = _move(
        notice,
        allowed=[S.DRAFT],
        state=S.ISSUED,
        issued_on=today,
        answer_due=due,
        decided_by=by,
        decision_reason=reason.strip(),
    )
    seq_no, number = _next_number(region, notice.year)
    Notice.objects.filter(pk=notice.pk).update(seq_no=seq_no, number=number)
    notice.refresh_from_db()
    record(
        actor=by,
        verb="supervision.notice_issued",
        obj=notice,
        before=before,
        after={**_state(notice), "rule": notice.rule, "reason": reason.strip(), "answer_due": due},
    )
    return notice


def issue_all(*, notices: Iterable[Notice], by: Any, today: dt.date) -> list[Notice]:
    """Issue every L1/L2 draft given, each in its own transaction (L3+ need a reason one by one)."""
    return [
        issue_notice(notice=n, by=by, today=today)
        for n in notices
        if n.level < PERSON_ONLY_LEVEL and n.state == S.DRAFT
    ]


@transaction.atomic
def dismiss_notice(*, notice: Notice, by: Any, reason: str) -> Notice:
    if not reason.strip():
        raise SupervisionError({"reason": [_("Say why this proposal is dismissed.")]})
    before = _state(notice)
    notice = _move(
        notice, allowed=[S.DRAFT], state=S.DISMISSED, decided_by=by, decision_reason=reason.strip()
    )
    Interview.objects.filter(notice=notice, state=Interview.State.PROPOSED).update(
        state=Interview.State.DISMISSED
    )
    record(
        actor=by,
        verb="supervision.notice_dismissed",
        obj=notice,
        before=before,
        after={**_state(notice), "reason": reason.strip()},
    )
    return notice


@transaction.atomic
def answer_notice(*, notice: Notice, by: Any, text: str, today: dt.date) -> Notice:
    """The unit's liaison answers; the answer goes to the unit's 分管领导 for approval."""
    if not text.strip():
        raise SupervisionError({"text": [_("Write the unit's answer: what was done and what is planned.")]})
    before = _state(notice)
    notice = _move(
        notice,
        allowed=[S.ISSUED, S.RETURNED, S.PENDING_APPROVAL],
        state=S.PENDING_APPROVAL,
        answer_text=text.strip(),
        answered_by=by,
        answered_on=today,
        approved_by=None,
    )
    record(
        actor=by,
        verb="supervision.notice_answered",
        obj=notice,
        before=before,
        after={**_state(notice), "text": notice.answer_text},
    )
    return notice


@transaction.atomic
def approve_answer(*, notice: Notice, by: Any) -> Notice:
    """The unit's 分管领导 approves the answer; it goes to the supervision office."""
    before = _state(notice)
    notice = _move(notice, allowed=[S.PENDING_APPROVAL], state=S.ANSWERED, approved_by=by)
    record(actor=by, verb="supervision.answer_approved", obj=notice, before=before, after=_state(notice))
    return notice


@transaction.atomic
def review_answer(*, notice: Notice, by: Any, accept: bool, comment: str = "") -> Notice:
    """The office accepts the answer, or returns it with what to do."""
    if not accept and not comment.strip():
        raise SupervisionError({"comment": [_("Say what the unit should do before returning the answer.")]})
    before = _state(notice)
    notice = _move(
        notice,
        allowed=[S.ANSWERED],
        state=S.ACCEPTED if accept else S.RETURNED,
        review_comment=comment.strip(),
    )
    verb = "supervision.answer_accepted" if accept else "supervision.answer_returned"
    record(
        actor=by, verb=verb, obj=notice, before=before, after={**_state(notice), "comment": comment.strip()}
    )
    return notice


def similar_closings(*, notice: Notice, text: str) -> list[dict[str, Any]]:
    """Closed notices of the region whose closing text is nearly the same (rapidfuzz ratio)."""
    threshold = config_for(notice.region).close_similarity
    out = []
    for other in Notice.objects.filter(region_id=notice.region_id, state=S.CLOSED).exclude(pk=notice.pk):
        score = fuzz.ratio(text, other.close_text)
        if score >= threshold:
            out.append({"id": other.pk, "number": other.number, "score": round(score)})
    return out


@transaction.atomic
def close_notice(*, notice: Notice, by: Any, text: str, checklist: Sequence[str], today: dt.date) -> Notice:
    """办结 against the published checklist; closing texts nearly the same as others are flagged."""
    items = config_for(notice.region).close_checklist
    missing = [item for item in items if item not in set(checklist)]
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Write how the matter was resolved.")]
    if missing:
        errors["checklist"] = [_("Not yet checked: %(items)s") % {"items": "、".join(missing)}]
    if errors:
        raise SupervisionError(errors)
    similar = similar_closings(notice=notice, text=text.strip())
    before = _state(notice)
    notice = _move(
        notice,
        allowed=[S.ACCEPTED, S.ANSWERED],
        state=S.CLOSED,
        close_text=text.strip(),
        close_checklist=list(items),
        close_similar_to=similar,
        closed_on=today,
    )
    record(
        actor=by,
        verb="supervision.notice_closed",
        obj=notice,
        before=before,
        after={**_state(notice), "text": notice.close_text, "similar_to": similar},
    )
    return notice


@transaction.atomic
def propose_step(*, task: Task, unit_id: int, level: int, by: Any, reason: str, today: dt.date) -> Notice:
    """A person starts the ladder at a level (the office may start higher), confirms false reporting (L3)
    or refers a case to the discipline commission (L4). Always with a reason; it stays a draft to issue."""
    if not reason.strip():
        raise SupervisionError({"reason": [_("Say why.")]})
    if level not in (1, 2, 3, 4):
        raise SupervisionError({"level": [_("Choose a level from 1 to 4.")]})
    notice, created = Notice.objects.get_or_create(
        task=task,
        unit_id=unit_id,
        level=level,
        year=task.plan.year,
        defaults={
            "region_id": task.plan.region_id,
            "rule": "decided_by_person",
            "reasons": [reason.strip()],
            "proposed_on": today,
            "proposed_by_name": _name(by),
            "decided_by": by,
            "decision_reason": reason.strip(),
        },
    )
    if not created:
        raise SupervisionError(_("This step was already taken for this task and unit this year."))
    record(
        actor=by,
        verb="supervision.step_proposed",
        obj=notice,
        after={**_state(notice), "reason": reason.strip()},
    )
    return notice


@transaction.atomic
def record_interview(
    *,
    interview: Interview,
    by: Any,
    held_on: dt.date,
    participants: str,
    rectification_plan: str = "",
    minutes: Any = None,
) -> Interview:
    """约谈 held: its date, who took part, the minutes; the rectification plan is due 10 working days later."""
    if not participants.strip():
        raise SupervisionError({"participants": [_("Name who took part.")]})
    region = interview.notice.region
    cal = calendars([region.pk])[region.pk]
    config = config_for(region)
    before = {"state": interview.state}
    interview.state = Interview.State.HELD
    interview.held_on = held_on
    interview.participants = participants.strip()
    interview.rectification_plan = rectification_plan.strip()
    interview.rectification_due = add_working_days(cal, held_on, config.rectification_working_days)
    interview.follow_up_due = held_on + dt.timedelta(days=config.follow_up_days)
    interview.recorded_by = by
    if minutes is not None:
        interview.minutes = minutes
    interview.save()
    record(
        actor=by,
        verb="supervision.interview_held",
        obj=interview,
        before=before,
        after={
            "held_on": held_on,
            "participants": interview.participants,
            "rectification_due": interview.rectification_due,
        },
    )
    return interview


@transaction.atomic
def request_extension(
    *, task: Task, unit_id: int, by: Any, reason: str, new_date: Any, progress: str, today: dt.date
) -> Extension:
    """延期: at least 3 working days before the due date, with reason, new date and progress."""
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Say why the task needs more time.")]
    if not progress.strip():
        errors["progress"] = [_("Say how far the task has come.")]
    current = (
        Extension.objects.filter(task=task, unit_id=unit_id, state=Extension.State.APPROVED)
        .order_by("-decided_on", "-pk")
        .first()
    )
    due = current.new_date if current else task.due_date
    if not isinstance(new_date, dt.date) or new_date <= due:
        errors["new_date"] = [_("The new date must be after the current due date (%(due)s).") % {"due": due}]
    region = task.plan.region
    config = config_for(region)
    cal = calendars([region.pk])[region.pk]
    if today > due or working_days_between(cal, today, due) < config.extension_min_working_days:
        errors["__all__"] = [
            _(
                "An extension must be asked at least %(n)d working days before the due date (%(due)s); "
                "later it counts as overdue."
            )
            % {"n": config.extension_min_working_days, "due": due}
        ]
    if errors:
        raise SupervisionError(errors)
    ext = Extension.objects.create(
        task=task,
        unit_id=unit_id,
        old_date=due,
        new_date=new_date,
        reason=reason.strip(),
        progress=progress.strip(),
        requested_by=by,
        requested_on=today,
    )
    record(
        actor=by,
        verb="supervision.extension_requested",
        obj=ext,
        after={"old_date": due, "new_date": new_date, "reason": ext.reason},
    )
    return ext


def _move_extension(ext: Extension, *, allowed: str, **changes: Any) -> Extension:
    if Extension.objects.filter(pk=ext.pk, state=allowed).update(**changes) != 1:
        raise SupervisionError(_("This request has changed meanwhile; reload the page."))
    ext.refresh_from_db()
    return ext


@transaction.atomic
def approve_extension(*, extension: Extension, by: Any) -> Extension:
    """The unit's 分管领导 approves the request; it goes to the office."""
    ext = _move_extension(
        extension,
        allowed=Extension.State.PENDING_APPROVAL,
        state=Extension.State.PENDING_DECISION,
        approved_by=by,
    )
    record(actor=by, verb="supervision.extension_approved_by_unit", obj=ext, after={"state": ext.state})
    return ext


@transaction.atomic
def decide_extension(
    *, extension: Extension, by: Any, approve: bool, comment: str, today: dt.date
) -> Extension:
    """The office decides; an approved extension moves the task's due date for the unit (and its light)."""
    if not approve and not comment.strip():
        raise SupervisionError({"comment": [_("Say why the extension is refused.")]})
    state = Extension.State.APPROVED if approve else Extension.State.REJECTED
    ext = _move_extension(
        extension,
        allowed=Extension.State.PENDING_DECISION,
        state=state,
        decided_by=by,
        decided_on=today,
        decision_comment=comment.strip(),
    )
    record(
        actor=by,
        verb="supervision.extension_decided",
        obj=ext,
        after={"state": ext.state, "new_date": ext.new_date, "comment": ext.decision_comment},
    )
    return ext


@transaction.atomic
def adjust_task(*, task: Task, by: Any, reason: str, today: dt.date) -> Adjustment:
    """A task changed or cancelled by decision: grey from now on."""
    if not reason.strip():
        raise SupervisionError({"reason": [_("Name the decision that changed or cancelled the task.")]})
    adj = Adjustment.objects.create(task=task, reason=reason.strip(), decided_by=by, on=today)
    record(actor=by, verb="supervision.task_adjusted", obj=task, after={"reason": adj.reason})
    return adj


@transaction.atomic
def override_light(*, task: Task, by: Any, color: str, reason: str, today: dt.date) -> LightOverride:
    """A person sets the light with a written reason (shown beside it); earlier overrides stop."""
    errors: dict[str, list[str]] = {}
    if color not in COLORS or color == "blue":
        errors["color"] = [_("Choose green, amber, red or grey.")]
    if not reason.strip():
        errors["reason"] = [_("Write why the light is set by hand.")]
    if errors:
        raise SupervisionError(errors)
    LightOverride.objects.filter(task=task, active=True).update(active=False)
    o = LightOverride.objects.create(
        task=task, color=color, reason=reason.strip(), by=by, by_name=_name(by), on=today
    )
    record(
        actor=by, verb="supervision.light_overridden", obj=task, after={"color": color, "reason": o.reason}
    )
    return o


@transaction.atomic
def decide_commendation(*, commendation: Commendation, by: Any, confirm: bool) -> Commendation:
    state = Commendation.State.CONFIRMED if confirm else Commendation.State.DISMISSED
    rows = Commendation.objects.filter(pk=commendation.pk, state=Commendation.State.PROPOSED).update(
        state=state, decided_by=by
    )
    if rows != 1:
        raise SupervisionError(_("This proposal was decided meanwhile; reload the page."))
    commendation.refresh_from_db()
    record(actor=by, verb="supervision.commendation_decided", obj=commendation, after={"state": state})
    return commendation


@transaction.atomic
def set_tags(*, task: Task, by: Any, tags: Sequence[str]) -> Task:
    """The office edits a task's tags (key indicator, key project, reform, livelihood)."""
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        raise SupervisionError({"tags": [_("Unknown tag: %(tags)s") % {"tags": "、".join(unknown)}]})
    before = list(task.tags)
    task.tags = [t for t in TAGS if t in set(tags)]
    Task.objects.filter(pk=task.pk).update(tags=task.tags)
    record(
        actor=by, verb="supervision.tags_set", obj=task, before={"tags": before}, after={"tags": task.tags}
    )
    return task


@transaction.atomic
def infer_missing_tags(*, tasks: Iterable[Task], by: Any) -> int:
    """Tasks without tags get the ones their headings and text suggest (the office may edit them)."""
    changed = []
    for task in tasks:
        if not task.tags:
            tags = infer_tags(task.text, task.section_path)
            if tags:
                task.tags = tags
                changed.append(task)
    if changed:
        Task.objects.bulk_update(changed, ["tags"])
        record(actor=by, verb="supervision.tags_inferred", after={t.pk: t.tags for t in changed})
    return len(changed)
