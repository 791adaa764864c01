"""The dashboards' business actions: the office reminds the units that have not reported; a unit submits a
complaint or suggestion (投诉建议) and the office answers it. Each one atomic, permission first, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import record
from dashboards import access, gather
from dashboards.models import SUBJECT_MAX, TEXT_MAX, Feedback
from notify import hours
from notify.models import Message, Preference
from notify.outbox import Draft, enqueue
from notify.reminders import person_drafts
from orgs.models import Membership, Region, Role, Unit
from orgs.roles import require_office
from progress import services as progress_services


class FeedbackError(Exception):
    """Bad input for a complaint, a suggestion or an answer: field → messages in the reader's language."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


SEQS_SHOWN = 12  # a message names at most this many task numbers


def _seqs(seqs: tuple[int, ...]) -> str:
    shown = "、".join(str(s) for s in seqs[:SEQS_SHOWN])
    return shown + ("……" if len(seqs) > SEQS_SHOWN else "")


def _wording(period: Any, row: Any) -> tuple[str, str]:
    values = {"period": period.label, "due": period.due_date.isoformat(), "seqs": _seqs(row.seqs)}
    if row.overdue:
        subject = _("[Supervision office] %(period)s was due on %(due)s and is not reported yet") % values
    else:
        subject = _("[Supervision office] %(period)s is due on %(due)s") % values
    body = (
        _(
            "Tasks not reported yet: no. %(seqs)s.\nPlease report in duban under “My to-do” during working "
            "hours; there is no need to reply to this message."
        )
        % values
    )
    return subject, body


@transaction.atomic
def remind_unreported(*, region: Region, by: Any, today: dt.date) -> int:
    """Queue one message to the liaisons of every lead unit that has not reported on the current period.
    Keyed by the day: a second click the same day queues nothing new. Returns how many were queued."""
    require_office(by, region.pk)
    owed = [(u.period, row) for u in gather.unreported(region, today=today) for row in u.rows]
    if not owed:
        return 0
    unit_ids = {row.unit_id for _period, row in owed}
    liaisons: dict[int, list[Any]] = {}
    for m in Membership.objects.filter(
        unit_id__in=unit_ids, role=Role.LIAISON, user__is_active=True
    ).select_related("user"):
        liaisons.setdefault(m.unit_id or 0, []).append(m.user)
    prefs = {
        p.user_id: p for p in Preference.objects.filter(user__in=[u for us in liaisons.values() for u in us])
    }
    not_before = hours.next_window(timezone.now(), progress_services.work_calendar(region.pk))
    drafts: list[Draft] = []
    with translation.override(settings.LANGUAGE_CODE):
        for period, row in owed:
            subject, body = _wording(period, row)
            common: dict[str, Any] = {
                "kind": Message.Kind.CHASE if row.overdue else Message.Kind.REMINDER,
                "not_before": not_before,
                "region_id": region.pk,
                "unit_id": row.unit_id,
                "link": reverse("progress:workspace"),
                "object_type": "progress.period",
                "object_id": str(period.pk),
                "due_date": period.due_date,
                "extra_key": f"office:{today.isoformat()}",
            }
            for user in liaisons.get(row.unit_id, []):
                drafts.extend(
                    person_drafts(
                        user=user, pref=prefs.get(user.pk), subject=subject, body=body, common=common
                    )
                )
    queued = enqueue(drafts)
    record(
        actor=by,
        verb="dashboards.reminded",
        obj=region,
        after={
            "on": today,
            "units": sorted(unit_ids),
            "periods": sorted({period.pk for period, _row in owed}),
            "queued": queued,
        },
    )
    return queued


def _check(kind: str, subject: str, text: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in Feedback.Kind.values:
        errors["kind"] = [_("Choose complaint or suggestion.")]
    if not subject:
        errors["subject"] = [_("Give a short subject.")]
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = [
            _("The subject has %(n)d characters; at most %(max)d.") % {"n": len(subject), "max": SUBJECT_MAX}
        ]
    if not text:
        errors["text"] = [_("Say what the complaint or suggestion is.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [
            _("The text has %(n)d characters; at most %(max)d.") % {"n": len(text), "max": TEXT_MAX}
        ]
    return errors


def _snapshot(fb: Feedback) -> dict[str, Any]:
    return {
        "unit": fb.unit_id,
        "kind": fb.kind,
        "subject": fb.subject,
        "state": fb.state,
        "answer": fb.answer,
    }


@transaction.atomic
def submit_feedback(*, unit: Unit, by: Any, kind: str, subject: str, text: str) -> Feedback:
    """A unit's liaison or unit leader sends a complaint or a suggestion to the supervision office."""
    access.require_submitter(by, unit.pk)
    subject, text = subject.strip(), text.strip()
    errors = _check(kind, subject, text)
    if errors:
        raise FeedbackError(errors)
    fb = Feedback.objects.create(
        region_id=unit.region_id,
        unit=unit,
        kind=kind,
        subject=subject,
        text=text,
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    record(actor=by, verb="dashboards.feedback_submitted", obj=fb, after={**_snapshot(fb), "text": fb.text})
    return fb


@transaction.atomic
def answer_feedback(*, feedback: Feedback, by: Any, answer: str) -> Feedback:
    """The supervision office answers (or corrects its answer); the unit sees it on the feedback page."""
    require_office(by, feedback.region_id)
    answer = answer.strip()
    if not answer:
        raise FeedbackError({"answer": [_("Write the answer.")]})
    if len(answer) > TEXT_MAX:
        raise FeedbackError(
            {
                "answer": [
                    _("The answer has %(n)d characters; at most %(max)d.")
                    % {"n": len(answer), "max": TEXT_MAX}
                ]
            }
        )
    fb = Feedback.objects.select_for_update().get(pk=feedback.pk)
    before = _snapshot(fb)
    fb.answer = answer
    fb.state = Feedback.State.ANSWERED
    fb.answered_by = by
    fb.answered_at = timezone.now()
    fb.save(update_fields=["answer", "state", "answered_by", "answered_at"])
    record(actor=by, verb="dashboards.feedback_answered", obj=fb, before=before, after=_snapshot(fb))
    return fb
