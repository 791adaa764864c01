"""Reminders as of a date (RULES.md): 5 and 1 working days before a report's deadline, and a chase the
working day after it, for every unit that still owes something. `drafts_for(day)` reads the database with a
constant number of queries per plan and returns the messages to queue; `trigger_of` is the pure rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notify import hours
from notify.models import Channel, Message, Preference, RobotHook
from notify.outbox import Draft
from orgs.models import Membership, Role, Unit
from progress import services as progress_services
from progress.calendar import WorkCalendar, add_working_days
from progress.models import CoInput, Period, ProgressReport
from progress.rules import DueItem, Duty, PeriodInfo, ReportInfo, due_items
from targets.models import Assignment, Plan, Task

BEFORE_5 = "before_5"
BEFORE_1 = "before_1"
CHASE = "chase"


def trigger_of(day: dt.date, due: dt.date, cal: WorkCalendar) -> str | None:
    """Which reminder `day` is for a deadline `due`: 5 or 1 working days before it, or the working day after."""
    if not cal.is_working_day(day):
        return None
    if add_working_days(cal, day, 5) == due:
        return BEFORE_5
    if add_working_days(cal, day, 1) == due:
        return BEFORE_1
    if day > due and add_working_days(cal, due, 1) == day:
        return CHASE
    return None


@dataclass(frozen=True)
class Owed:
    """What one unit still owes for one period, as seen on the reminder's day."""

    unit_id: int
    period_id: int
    due_date: dt.date
    trigger: str
    file_seqs: tuple[int, ...]
    co_seqs: tuple[int, ...]
    signoff_seqs: tuple[int, ...]


def _duties(plan: Plan, groups: dict[int, list[int]]) -> list[Duty]:
    duties: dict[tuple[int, int, str], Duty] = {}
    rows = Assignment.objects.filter(task__plan=plan, task__status=Task.Status.ACTIVE).values_list(
        "task_id", "unit_id", "role", "task__due_date", "task__seq"
    )
    for task_id, unit_id, role, task_due, seq in rows:
        for member in groups.get(unit_id, [unit_id]):
            duties.setdefault((task_id, member, role), Duty(task_id, plan.pk, member, role, task_due, seq))
    return list(duties.values())


def owed_on(day: dt.date, plan: Plan, cal: WorkCalendar, groups: dict[int, list[int]]) -> list[Owed]:
    periods = list(Period.objects.filter(plan=plan))
    triggered = {p.id: t for p in periods if (t := trigger_of(day, p.due_date, cal))}
    if not triggered:
        return []
    infos = [
        PeriodInfo(p.id, p.plan_id, p.kind, p.start, p.end, p.due_date, p.locked)
        for p in periods
        if p.id in triggered or p.kind in (Period.Kind.MONTH, Period.Kind.QUARTER)
    ]
    reports = [
        ReportInfo(r["id"], r["task_id"], r["unit_id"], r["period_id"], r["state"], r["status"])
        for r in ProgressReport.objects.filter(period__plan=plan).values(
            "id", "task_id", "unit_id", "period_id", "state", "status"
        )
    ]
    co = CoInput.objects.filter(period_id__in=triggered).values_list("task_id", "period_id", "unit_id")
    duties = _duties(plan, groups)
    items = due_items(
        today=day,
        duties=duties,
        periods=infos,
        reports=reports,
        co_inputs=list(co),
        signoff_units={d.unit_id for d in duties},
    )
    return _group(items, triggered)


def _group(items: Iterable[DueItem], triggered: dict[int, str]) -> list[Owed]:
    buckets: dict[tuple[int, int], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    dues: dict[int, dt.date] = {}
    for item in items:
        if item.period_id not in triggered:
            continue
        dues[item.period_id] = item.due_date
        action = "file" if item.action in ("file", "fix") else item.action
        buckets[(item.unit_id, item.period_id)][action].add(item.seq)
    return [
        Owed(
            unit_id=unit_id,
            period_id=period_id,
            due_date=dues[period_id],
            trigger=triggered[period_id],
            file_seqs=tuple(sorted(actions.get("file", ()))),
            co_seqs=tuple(sorted(actions.get("co_input", ()))),
            signoff_seqs=tuple(sorted(actions.get("sign_off", ()))),
        )
        for (unit_id, period_id), actions in sorted(buckets.items())
    ]


def _seqs(seqs: tuple[int, ...]) -> str:
    shown = "、".join(_("no. %(seq)d") % {"seq": s} for s in seqs[:12])
    return shown + (_(" and others, %(n)d in all") % {"n": len(seqs)} if len(seqs) > 12 else "")


def _wording(owed: Owed, period: Period, for_leader: bool) -> tuple[str, str]:
    due = _("%(month)d/%(day)d") % {"month": owed.due_date.month, "day": owed.due_date.day}
    if owed.trigger == CHASE:
        subject = _("[Chase] %(period)s was due on %(due)s") % {"period": period.label, "due": due}
    else:
        days = 5 if owed.trigger == BEFORE_5 else 1
        subject = _("[Reminder] %(period)s is due on %(due)s (%(n)d working days left)") % {
            "period": period.label,
            "due": due,
            "n": days,
        }
    lines = []
    if for_leader:
        lines.append(_("Reports waiting for your sign-off: %(seqs)s.") % {"seqs": _seqs(owed.signoff_seqs)})
    else:
        if owed.file_seqs:
            lines.append(_("Not reported yet: %(seqs)s.") % {"seqs": _seqs(owed.file_seqs)})
        if owed.co_seqs:
            lines.append(_("Co-unit input not given yet: %(seqs)s.") % {"seqs": _seqs(owed.co_seqs)})
    lines.append(
        _(
            "Please handle it in duban under “My to-do” during working hours; there is no need to reply to this message."
        )
    )
    return subject, "\n".join(lines)


def drafts_for(day: dt.date) -> list[Draft]:
    """Every reminder message due on `day`, for every active plan (as if run at 08:30 local time).
    Written in the site's language (Chinese), whoever runs it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _drafts_for(day)


def _drafts_for(day: dt.date) -> list[Draft]:
    at = hours.morning_of(day)
    drafts: list[Draft] = []
    groups: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in Unit.members.through.objects.values_list("from_unit_id", "to_unit_id"):
        groups[group_id].append(member_id)
    for plan in Plan.objects.filter(status=Plan.Status.ACTIVE).select_related("region"):
        cal = progress_services.work_calendar(plan.region_id)
        owed = owed_on(day, plan, cal, groups)
        if owed:
            drafts.extend(_drafts_for_plan(plan, owed, at))
    return drafts


def person_drafts(
    *, user: Any, pref: Preference | None, subject: str, body: str, common: dict[str, Any]
) -> list[Draft]:
    """A message to one person: always the inbox, and e-mail when they have an address and want it."""
    drafts = [Draft(channel=Channel.INBOX, subject=subject, body=body, recipient_id=user.pk, **common)]
    if user.email and (pref is None or pref.email):
        drafts.append(
            Draft(
                channel=Channel.EMAIL,
                subject=subject,
                body=body,
                recipient_id=user.pk,
                address=user.email,
                **common,
            )
        )
    return drafts


@dataclass
class _Audience:
    """Who hears about a plan's units: their liaisons and leaders, their choices, and the robots."""

    people: dict[tuple[int, str], list[Any]]
    prefs: dict[int, Preference]
    hooks: dict[int | None, list[RobotHook]]
    unit_names: dict[int, str]

    @classmethod
    def of(cls, plan: Plan, unit_ids: set[int]) -> _Audience:
        people: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for m in Membership.objects.filter(
            unit_id__in=unit_ids, role__in=[Role.LIAISON, Role.UNIT_LEADER], user__is_active=True
        ).select_related("user"):
            people[(m.unit_id or 0, m.role)].append(m.user)
        user_ids = {u.pk for users in people.values() for u in users}
        hooks: dict[int | None, list[RobotHook]] = defaultdict(list)
        for hook in RobotHook.objects.filter(region_id=plan.region_id, active=True):
            hooks[hook.unit_id].append(hook)
        return cls(
            people=people,
            prefs={p.user_id: p for p in Preference.objects.filter(user_id__in=user_ids)},
            hooks=hooks,
            unit_names=dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")),
        )

    def robots_for(self, unit_id: int) -> list[RobotHook]:
        return [*self.hooks.get(unit_id, []), *self.hooks.get(None, [])]


def _drafts_for_plan(plan: Plan, owed: list[Owed], at: dt.datetime) -> list[Draft]:
    periods = Period.objects.in_bulk({o.period_id for o in owed})
    audience = _Audience.of(plan, {o.unit_id for o in owed})
    link = reverse("progress:workspace")
    drafts: list[Draft] = []
    for o in owed:
        period = periods[o.period_id]
        kind = Message.Kind.CHASE if o.trigger == CHASE else Message.Kind.REMINDER
        common: dict[str, Any] = {
            "kind": kind,
            "not_before": at,
            "region_id": plan.region_id,
            "unit_id": o.unit_id,
            "link": link,
            "object_type": "progress.period",
            "object_id": str(period.pk),
            "due_date": o.due_date,
            "extra_key": o.trigger,
        }
        drafts.extend(_people_drafts(o, period, audience, common))
        if o.file_seqs or o.co_seqs:
            subject, body = _wording(o, period, False)
            drafts.extend(
                Draft(
                    channel=hook.channel,
                    subject=f"{audience.unit_names.get(o.unit_id, '')}：{subject}",
                    body=body,
                    address=str(hook.pk),
                    **common,
                )
                for hook in audience.robots_for(o.unit_id)
            )
    return drafts


def _people_drafts(o: Owed, period: Period, audience: _Audience, common: dict[str, Any]) -> list[Draft]:
    audiences = [(Role.LIAISON, False)] if (o.file_seqs or o.co_seqs) else []
    if o.signoff_seqs and o.trigger != BEFORE_5:
        audiences.append((Role.UNIT_LEADER, True))
    drafts: list[Draft] = []
    for role, for_leader in audiences:
        subject, body = _wording(o, period, for_leader)
        for user in audience.people.get((o.unit_id, role), []):
            pref = audience.prefs.get(user.pk)
            if common["kind"] == Message.Kind.REMINDER and pref is not None and not pref.reminders:
                continue  # a chase always comes; reminders beforehand only to those who want them
            drafts.extend(person_drafts(user=user, pref=pref, subject=subject, body=body, common=common))
    return drafts
