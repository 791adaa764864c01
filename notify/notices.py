"""Supervision notices through the outbox: a newly issued 督办单 reaches the unit's liaison and 分管领导 (inbox
always, e-mail when they have it); 1 working day before its answer is due they are reminded, and the working
day after it they are chased while it is still unanswered. Keys make each message once per notice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from notify import hours
from notify.models import Message, Preference
from notify.outbox import Draft
from notify.reminders import person_drafts
from orgs.models import Membership, Role
from progress import services as progress_services
from progress.calendar import add_working_days
from supervision.models import Notice

LEVEL_WORDS = {1: "督办单", 2: "督办单（红色）", 3: "问责建议", 4: "移交建议"}


def _wording(notice: Notice, stage: str) -> tuple[str, str]:
    kind = LEVEL_WORDS.get(notice.level, "督办单")
    values = {
        "kind": kind,
        "number": notice.number,
        "seq": notice.task.seq,
        "due": notice.answer_due.isoformat() if notice.answer_due else "—",
    }
    if stage == "issued":
        subject = _("[Supervision] %(kind)s %(number)s on task %(seq)s") % values
    elif stage == "due":
        subject = _("[Reminder] the answer to %(number)s is due on %(due)s") % values
    else:
        subject = _("[Chase] the answer to %(number)s was due on %(due)s") % values
    reasons = "；".join(notice.reasons or [])
    body = _(
        "Task %(seq)s: %(text)s\nReasons: %(reasons)s\nAnswer in duban by %(due)s, with your unit leader's approval."
    ) % {
        **values,
        "text": notice.task.text[:120],
        "reasons": reasons or "—",
    }
    return subject, body


def _stage(notice: Notice, day: dt.date, cal: Any) -> str | None:
    if notice.issued_on is None or notice.answer_due is None:
        return None
    if notice.issued_on <= day < notice.answer_due and add_working_days(cal, day, 1) != notice.answer_due:
        return "issued"
    if add_working_days(cal, day, 1) == notice.answer_due and cal.is_working_day(day):
        return "due"
    if day > notice.answer_due and add_working_days(cal, notice.answer_due, 1) == day:
        return "chase"
    return None


def drafts_for(day: dt.date, *, new_only: bool = False) -> list[Draft]:
    """Messages about open notices as of `day` (08:30 local). `new_only`: only the "issued" message."""
    with translation.override(settings.LANGUAGE_CODE):
        notices = list(
            Notice.objects.filter(state__in=Notice.OPEN_STATES, issued_on__lte=day).select_related("task")
        )
        if not notices:
            return []
        people: dict[int, list[Any]] = defaultdict(list)
        for m in Membership.objects.filter(
            unit_id__in={n.unit_id for n in notices},
            role__in=[Role.LIAISON, Role.UNIT_LEADER],
            user__is_active=True,
        ).select_related("user"):
            people[m.unit_id or 0].append(m.user)
        prefs = {
            p.user_id: p
            for p in Preference.objects.filter(user__in=[u for us in people.values() for u in us])
        }
        calendars: dict[int, Any] = {}
        drafts: list[Draft] = []
        for notice in notices:
            cal = calendars.setdefault(notice.region_id, progress_services.work_calendar(notice.region_id))
            stage = "issued" if new_only else _stage(notice, day, cal)
            if stage is None:
                continue
            subject, body = _wording(notice, stage)
            common: dict[str, Any] = {
                "kind": Message.Kind.NOTICE if stage == "issued" else Message.Kind.CHASE,
                "not_before": hours.morning_of(max(day, notice.issued_on or day)),
                "region_id": notice.region_id,
                "unit_id": notice.unit_id,
                "link": "",
                "object_type": "supervision.notice",
                "object_id": str(notice.pk),
                "due_date": notice.answer_due,
                "extra_key": stage,
            }
            for user in people.get(notice.unit_id, []):
                drafts.extend(
                    person_drafts(
                        user=user, pref=prefs.get(user.pk), subject=subject, body=body, common=common
                    )
                )
        return drafts
