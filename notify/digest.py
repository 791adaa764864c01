"""The weekly "needs attention" digest (written from the data by rules, no outside service): for each district
leader, their portfolio (the tasks naming them as leader); for each supervision office, its region's plans.

Four parts: new red tasks since last week, notices not answered, deadlines in the next two weeks, and what
changed since last week. Nothing from outside the recipient's portfolio appears."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notify import hours
from notify.models import Message, Preference
from notify.outbox import Draft
from notify.reminders import person_drafts
from orgs.models import Membership, Role
from progress.models import ProgressReport
from supervision.lights import lights_for_tasks
from supervision.models import LightSnapshot, Notice
from targets.models import Milestone, Plan, Task, TaskLeader

WEEK = dt.timedelta(days=7)
HORIZON = dt.timedelta(days=14)
RED = "red"
MAX_LINES = 30


@dataclass
class Digest:
    """What one recipient should look at this week; `empty` when there is nothing to say."""

    new_reds: list[str] = field(default_factory=list)
    still_red: int = 0
    open_notices: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_reds or self.still_red or self.open_notices or self.deadlines or self.changes)


def _task_line(task: Task, reasons: Iterable[str] = ()) -> str:
    why = "；".join(list(reasons)[:2])
    text = task.text if len(task.text) <= 40 else task.text[:40] + "…"
    line = _("%(region)s task %(seq)s: %(text)s") % {
        "region": task.plan.region.name,
        "seq": task.seq,
        "text": text,
    }
    return line + (_(" (%(why)s)") % {"why": why} if why else "")


def _last_week_colors(task_ids: list[int], day: dt.date) -> dict[int, str]:
    """Each task's light at the latest scan at least a week ago (none: no scan then)."""
    colors: dict[int, str] = {}
    rows = (
        LightSnapshot.objects.filter(task_id__in=task_ids, scan__on__lte=day - WEEK)
        .order_by("task_id", "scan__on")
        .values_list("task_id", "color")
    )
    for task_id, color in rows:
        colors[task_id] = color  # ordered by date: the last one wins
    return colors


def build(tasks: list[Task], *, day: dt.date, viewer: Any) -> Digest:
    """The digest of these tasks on `day`, as `viewer` may see them (blue lights stay private)."""
    digest = Digest()
    if not tasks:
        return digest
    by_id = {t.pk: t for t in tasks}
    ids = list(by_id)
    lights = lights_for_tasks(tasks, today=day, viewer=viewer)
    before = _last_week_colors(ids, day)
    for task_id, light in sorted(lights.items(), key=lambda kv: by_id[kv[0]].seq):
        if light.color != RED:
            continue
        if before.get(task_id) == RED:
            digest.still_red += 1
        else:
            digest.new_reds.append(_task_line(by_id[task_id], light.reasons))
    for task_id, old in sorted(before.items()):
        new = lights.get(task_id)
        if new is not None and old != new.color and old == RED:
            digest.changes.append(_("%(task)s is no longer red") % {"task": _task_line(by_id[task_id])})
    for notice in (
        Notice.objects.filter(task_id__in=ids, state__in=Notice.OPEN_STATES)
        .select_related("unit", "task")
        .order_by("answer_due", "pk")
    ):
        late = notice.answer_due is not None and notice.answer_due < day
        digest.open_notices.append(
            _("%(number)s to %(unit)s on task %(seq)s, answer due %(due)s%(late)s")
            % {
                "number": notice.number or f"L{notice.level}",
                "unit": notice.unit.name,
                "seq": notice.task.seq,
                "due": notice.answer_due.isoformat() if notice.answer_due else "—",
                "late": _(" (overdue)") if late else "",
            }
        )
    _deadlines(digest, tasks, ids, by_id, day)
    _activity(digest, ids, day)
    return digest


def _deadlines(
    digest: Digest, tasks: list[Task], ids: list[int], by_id: dict[int, Task], day: dt.date
) -> None:
    for task in tasks:
        if day <= task.due_date <= day + HORIZON:
            digest.deadlines.append(
                _("%(task)s is due on %(due)s") % {"task": _task_line(task), "due": task.due_date.isoformat()}
            )
    for ms in Milestone.objects.filter(
        task_id__in=ids, done_on__isnull=True, due_date__range=(day, day + HORIZON)
    ).order_by("due_date"):
        digest.deadlines.append(
            _("Milestone “%(title)s” of %(task)s is due on %(due)s")
            % {"title": ms.title, "task": _task_line(by_id[ms.task_id]), "due": ms.due_date.isoformat()}
        )


def _activity(digest: Digest, ids: list[int], day: dt.date) -> None:
    start = hours.morning_of(day - WEEK)
    filed = ProgressReport.objects.filter(task_id__in=ids, filed_at__gte=start).count()
    if filed:
        digest.changes.append(_("%(n)d progress reports filed in the last week") % {"n": filed})
    issued = Notice.objects.filter(task_id__in=ids, issued_on__gt=day - WEEK, issued_on__lte=day).count()
    if issued:
        digest.changes.append(_("%(n)d supervision notices issued in the last week") % {"n": issued})
    closed = Notice.objects.filter(task_id__in=ids, closed_on__gt=day - WEEK, closed_on__lte=day).count()
    if closed:
        digest.changes.append(_("%(n)d supervision notices closed in the last week") % {"n": closed})


def render(digest: Digest, *, day: dt.date) -> tuple[str, str]:
    subject = _("[Weekly digest] What needs attention, week of %(day)s") % {"day": day.isoformat()}
    parts: list[str] = []
    sections = [
        (_("New red tasks"), digest.new_reds),
        (_("Notices not answered"), digest.open_notices),
        (_("Deadlines in the next two weeks"), digest.deadlines),
        (_("Changes since last week"), digest.changes),
    ]
    for title, lines in sections:
        if lines:
            shown = [f"· {line}" for line in lines[:MAX_LINES]]
            if len(lines) > MAX_LINES:
                shown.append(_("… and %(n)d more") % {"n": len(lines) - MAX_LINES})
            parts.append(f"【{title}】\n" + "\n".join(shown))
    if digest.still_red:
        parts.append(_("%(n)d tasks were red already last week and still are.") % {"n": digest.still_red})
    return subject, "\n\n".join(parts)


def _portfolios() -> list[tuple[Any, str, list[Task]]]:
    """(user, tasks) for every district leader and every supervision office member."""
    active = {"plan__status": Plan.Status.ACTIVE, "status": Task.Status.ACTIVE}
    out: list[tuple[Any, str, list[Task]]] = []
    leader_tasks: dict[int, list[int]] = defaultdict(list)
    for person_id, task_id in TaskLeader.objects.filter(
        task__plan__status=Plan.Status.ACTIVE, task__status=Task.Status.ACTIVE
    ).values_list("person_id", "task_id"):
        leader_tasks[person_id].append(task_id)
    memberships = Membership.objects.filter(
        role__in=[Role.LEADER, Role.SUPERVISOR], user__is_active=True
    ).select_related("user")
    for m in memberships.order_by("user_id", "pk"):
        if m.role == Role.LEADER:
            ids = leader_tasks.get(m.person_id or 0, [])
            qs = Task.objects.filter(pk__in=ids, **active)
        else:
            qs = Task.objects.filter(plan__region_id=m.region_id, **active)
        tasks = list(qs.select_related("plan__region").order_by("plan_id", "seq"))
        if tasks:
            out.append((m.user, f"{m.role}:{m.region_id}:{m.person_id or ''}", tasks))
    return out


def drafts_for(day: dt.date) -> list[Draft]:
    """Every digest of the week of `day`, in the site's language (as if run at 08:30 local time)."""
    with translation.override(settings.LANGUAGE_CODE):
        at = hours.morning_of(day)
        monday = day - dt.timedelta(days=day.weekday())
        prefs = {p.user_id: p for p in Preference.objects.all()}
        drafts: list[Draft] = []
        for user, portfolio, tasks in _portfolios():
            digest = build(tasks, day=day, viewer=user)
            if digest.empty:
                continue
            subject, body = render(digest, day=monday)
            common: dict[str, Any] = {
                "kind": Message.Kind.DIGEST,
                "not_before": at,
                "region_id": tasks[0].plan.region_id,
                "link": reverse("home"),
                "object_type": "notify.digest",
                "object_id": monday.isoformat(),
                "due_date": monday,
                "extra_key": portfolio,
            }
            drafts.extend(
                person_drafts(user=user, pref=prefs.get(user.pk), subject=subject, body=body, common=common)
            )
        return drafts
