"""The write path of plans, sections, tasks, assignments, task leaders, indicators and milestones.

One function per business action: keyword-only arguments, atomic, the actor's permission checked first
(`targets.access.require_plan_editor`), and one audit event with the object's real before and after.
The import's confirm step, `manage.py demo` and any page or API that changes a plan call these; nothing
else writes these tables.

`by` is a user, or a string naming the command line (`"manage.py import_plan"`), which acts as the office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max

from audit.services import record
from orgs.models import Person, Region, Unit
from targets.access import require_milestone_editor, require_plan_editor
from targets.edits import SECTION_CHANGED_MESSAGE, TaskChanged, section_version, task_version
from targets.models import Assignment, Indicator, Milestone, Plan, Section, Task, TaskLeader


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    kind: str
    comparator: str
    value: float | None
    unit: str | None
    target_year: int
    span: str = ""

    def fields(self, order: int) -> dict[str, Any]:
        return {
            "order": order,
            "name": self.name[:255],
            "kind": self.kind,
            "comparator": self.comparator,
            "value": self.value,
            "unit": self.unit[:32] if self.unit else None,
            "target_year": self.target_year,
            "span": self.span,
        }


@dataclass(frozen=True)
class TaskSpec:
    """What a table row (or the office) says a task is."""

    seq: int
    text: str
    due_date: dt.date
    section: Section | None = None
    section_path: tuple[str, ...] = ()
    lead_units: Sequence[Unit] = ()
    co_units: Sequence[Unit] = ()
    leaders: Sequence[Person] = ()
    indicators: Sequence[IndicatorSpec] = ()
    parse_issues: Sequence[Any] = field(default_factory=tuple)


PLAN_FIELDS = ("title", "issuer", "doc_number", "issued_on", "source_name")


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    return {f: getattr(plan, f) for f in PLAN_FIELDS} | {
        "status": plan.status,
        "source": plan.source_file.name,
    }


def task_snapshot(task: Task) -> dict[str, Any]:
    """Everything a task says, names rather than ids, as the audit trail keeps it."""
    assignments = list(task.assignments.select_related("unit").order_by("role", "order"))
    return {
        "seq": task.seq,
        "text": task.text,
        "section": list(task.section_path or []),
        "due_date": task.due_date,
        "tags": list(task.tags or []),
        "status": task.status,
        "lead_units": [a.unit.name for a in assignments if a.role == Assignment.Role.LEAD],
        "co_units": [a.unit.name for a in assignments if a.role == Assignment.Role.CO],
        "leaders": [tl.person.name for tl in task.task_leaders.select_related("person").order_by("order")],
        "indicators": [
            [i.name, i.kind, i.comparator, i.value, i.unit, i.target_year]
            for i in task.indicators.order_by("order")
        ],
    }


def _check_version(task: Task, version: str | None) -> None:
    """Refuse (TaskChanged) when the task changed since the editor read it at `version`; None: no check
    (the import and the command line). The row stays locked until the transaction ends, so two saves at
    once are checked one after the other; `task` is refreshed to what is stored."""
    if version is None:
        return
    current = task_version(Task.objects.select_for_update().get(pk=task.pk))
    if current != version:
        raise TaskChanged(current)
    task.refresh_from_db()


def _has_history(obj: Any) -> bool:
    """Whether any other record (a report, a reading …) points at obj; such rows are never deleted."""
    for rel in obj._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one) or rel.many_to_many:
            continue
        if rel.related_model._default_manager.filter(**{rel.field.name: obj}).exists():
            return True
    return False


# ---- plans ---------------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *,
    region: Region,
    year: int,
    title: str,
    by: Any,
    issuer: str = "",
    doc_number: str = "",
    issued_on: dt.date | None = None,
    source_file: str = "",
    source_name: str = "",
) -> Plan:
    """The region's plan for a year (one per region and year)."""
    require_plan_editor(by, region.pk)
    plan = Plan.objects.create(
        region=region,
        year=year,
        title=title[:255],
        issuer=issuer[:128],
        doc_number=doc_number[:64],
        issued_on=issued_on,
        source_file=source_file,
        source_name=source_name[:255],
    )
    record(actor=by, verb="plan.created", obj=plan, after=plan_snapshot(plan))
    return plan


@transaction.atomic
def edit_plan(*, plan: Plan, by: Any, source_file: str | None = None, **values: Any) -> Plan:
    """Change a plan's title, issuer, document number, date or source; a no-op records nothing."""
    require_plan_editor(by, plan.region_id)
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not a plan field: {sorted(unknown)}")
    before = plan_snapshot(plan)
    for name, value in values.items():
        setattr(plan, name, value)
    if source_file is not None:
        plan.source_file.name = source_file
    after = plan_snapshot(plan)
    if after != before:
        plan.save()
        record(actor=by, verb="plan.updated", obj=plan, before=before, after=after)
    return plan


def _set_plan_status(plan: Plan, status: str, verb: str, by: Any) -> Plan:
    require_plan_editor(by, plan.region_id)
    before = plan.status
    if before != status:
        plan.status = status
        plan.save(update_fields=["status", "updated_at"])
        record(actor=by, verb=verb, obj=plan, before={"status": before}, after={"status": status})
    return plan


@transaction.atomic
def close_plan(*, plan: Plan, by: Any) -> Plan:
    """The year is over: the plan stops asking for reports."""
    return _set_plan_status(plan, Plan.Status.CLOSED, "plan.closed", by)


@transaction.atomic
def reopen_plan(*, plan: Plan, by: Any) -> Plan:
    return _set_plan_status(plan, Plan.Status.ACTIVE, "plan.reopened", by)


@transaction.atomic
def publish_plan(*, plan: Plan, published: bool, by: Any) -> Plan:
    """Show the plan on the public page (/public/) or take it off; the office decides, plan by plan."""
    require_plan_editor(by, plan.region_id)
    before = plan.published
    if before != published:
        plan.published = published
        plan.save(update_fields=["published", "updated_at"])
        verb = "plan.published" if published else "plan.unpublished"
        record(actor=by, verb=verb, obj=plan, before={"published": before}, after={"published": published})
    return plan


# ---- sections ------------------------------------------------------------------------------------------


@transaction.atomic
def add_section(
    *, plan: Plan, title: str, by: Any, parent: Section | None = None, level: int = 1, order: int = 0
) -> Section:
    require_plan_editor(by, plan.region_id)
    section = Section.objects.create(plan=plan, parent=parent, title=title[:255], level=level, order=order)
    record(
        actor=by,
        verb="section.created",
        obj=section,
        after={"plan": plan.pk, "path": section.path(), "level": level, "order": order},
    )
    return section


@transaction.atomic
def rename_section(*, section: Section, title: str, by: Any, version: str | None = None) -> Section:
    require_plan_editor(by, section.plan.region_id)
    if version is not None:
        section.refresh_from_db(from_queryset=Section.objects.select_for_update())
        if section_version(section) != version:
            raise TaskChanged(section_version(section), str(SECTION_CHANGED_MESSAGE))
    before = section.title
    if before != title:
        section.title = title[:255]
        section.save(update_fields=["title"])
        record(
            actor=by, verb="section.renamed", obj=section, before={"title": before}, after={"title": title}
        )
    return section


# ---- tasks ---------------------------------------------------------------------------------------------


def _sync_assignments(task: Task, lead: Sequence[Unit], co: Sequence[Unit]) -> None:
    wanted: dict[tuple[int, str], int] = {}
    for role, units in ((Assignment.Role.LEAD, lead), (Assignment.Role.CO, co)):
        for order, unit in enumerate(units):
            wanted.setdefault((unit.pk, role), order)
    for a in list(task.assignments.all()):
        order = wanted.pop((a.unit_id, a.role), -1)
        if order < 0:
            if not _has_history(a):
                a.delete()
        elif a.order != order:
            a.order = order
            a.save(update_fields=["order"])
    Assignment.objects.bulk_create(
        Assignment(task=task, unit_id=unit_id, role=role, order=order)
        for (unit_id, role), order in wanted.items()
    )


def _sync_leaders(task: Task, leaders: Sequence[Person]) -> None:
    wanted: dict[int, int] = {}
    for order, person in enumerate(leaders):
        wanted.setdefault(person.pk, order)
    for tl in list(task.task_leaders.all()):
        if tl.person_id in wanted:
            order = wanted.pop(tl.person_id)
            if tl.order != order:
                tl.order = order
                tl.save(update_fields=["order"])
        else:
            tl.delete()
    TaskLeader.objects.bulk_create(TaskLeader(task=task, person_id=pk, order=o) for pk, o in wanted.items())


def _sync_indicators(task: Task, indicators: Sequence[IndicatorSpec]) -> None:
    """Update indicators in place (matched by name and kind) so readings filed against them survive."""
    existing = list(task.indicators.all())
    new: list[Indicator] = []
    for order, spec in enumerate(indicators):
        match = next((i for i in existing if (i.name, i.kind) == (spec.name[:255], spec.kind)), None)
        values = spec.fields(order)
        if match is None:
            new.append(Indicator(task=task, **values))
            continue
        existing.remove(match)
        if any(getattr(match, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(match, k, v)
            match.save()
    Indicator.objects.bulk_create(new)
    for leftover in existing:
        if not _has_history(leftover):
            leftover.delete()


@transaction.atomic
def create_task(*, plan: Plan, spec: TaskSpec, by: Any) -> Task:
    """A new task with its lead and co-units, leaders in charge and indicators."""
    require_plan_editor(by, plan.region_id)
    task = Task.objects.create(
        plan=plan,
        seq=spec.seq,
        text=spec.text,
        section=spec.section,
        section_path=list(spec.section_path),
        due_date=spec.due_date,
        parse_issues=list(spec.parse_issues),
    )
    _sync_assignments(task, spec.lead_units, spec.co_units)
    _sync_leaders(task, spec.leaders)
    _sync_indicators(task, spec.indicators)
    record(actor=by, verb="task.created", obj=task, after=task_snapshot(task))
    return task


@transaction.atomic
def add_task(
    *,
    section: Section,
    text: str,
    due_date: dt.date,
    lead_units: Sequence[Unit],
    by: Any,
    co_units: Sequence[Unit] = (),
) -> Task:
    """The office adds a task to a section of its plan; it takes the plan's next number."""
    plan = section.plan
    require_plan_editor(by, plan.region_id)
    if not lead_units:
        raise ValueError("a task needs a lead unit")
    Plan.objects.select_for_update().get(pk=plan.pk)  # two additions at once take turns for the number
    seq = (plan.tasks.aggregate(last=Max("seq"))["last"] or 0) + 1
    spec = TaskSpec(
        seq=seq,
        text=text,
        due_date=due_date,
        section=section,
        section_path=tuple(section.path()),
        lead_units=lead_units,
        co_units=co_units,
    )
    return create_task(plan=plan, spec=spec, by=by)


@transaction.atomic
def revise_task(*, task: Task, spec: TaskSpec, by: Any) -> Task:
    """The table now says this about the task: text, section, units, leaders, indicators (a withdrawn task
    comes back). The due date belongs to the office once set (`adjust_due_date`), so it is kept."""
    require_plan_editor(by, task.plan.region_id)
    before = task_snapshot(task)
    was_withdrawn = task.status == Task.Status.WITHDRAWN
    task.text = spec.text
    task.section = spec.section
    task.section_path = list(spec.section_path)
    task.parse_issues = list(spec.parse_issues)
    task.status = Task.Status.ACTIVE
    task.save()
    _sync_assignments(task, spec.lead_units, spec.co_units)
    _sync_leaders(task, spec.leaders)
    _sync_indicators(task, spec.indicators)
    after = task_snapshot(task)
    if after != before:
        record(
            actor=by,
            verb="task.restored" if was_withdrawn else "task.updated",
            obj=task,
            before=before,
            after=after,
        )
    return task


@transaction.atomic
def note_parse_issues(*, task: Task, issues: Sequence[Any], by: Any) -> Task:
    """What the parser found unusual in the task's row this time (shown beside the task)."""
    require_plan_editor(by, task.plan.region_id)
    before = list(task.parse_issues or [])
    if before != list(issues):
        task.parse_issues = list(issues)
        task.save(update_fields=["parse_issues"])
        record(actor=by, verb="task.issues_noted", obj=task, before=before, after=list(issues))
    return task


@transaction.atomic
def edit_task_text(*, task: Task, text: str, by: Any, version: str | None = None) -> Task:
    require_plan_editor(by, task.plan.region_id)
    _check_version(task, version)
    before = task.text
    if text.strip() and text != before:
        task.text = text
        task.save(update_fields=["text"])
        record(actor=by, verb="task.text_edited", obj=task, before={"text": before}, after={"text": text})
    return task


@transaction.atomic
def reassign_task(
    *, task: Task, lead_units: Sequence[Unit], co_units: Sequence[Unit], by: Any, version: str | None = None
) -> Task:
    """Change who leads and who helps; an assignment that reports point at is kept."""
    require_plan_editor(by, task.plan.region_id)
    _check_version(task, version)
    if not lead_units:
        raise ValueError("a task needs a lead unit")
    before = task_snapshot(task)
    _sync_assignments(task, lead_units, co_units)
    after = task_snapshot(task)
    if after != before:
        keys = ("lead_units", "co_units")
        record(
            actor=by,
            verb="task.reassigned",
            obj=task,
            before={k: before[k] for k in keys},
            after={k: after[k] for k in keys},
        )
    return task


@transaction.atomic
def set_task_leaders(*, task: Task, leaders: Sequence[Person], by: Any, version: str | None = None) -> Task:
    require_plan_editor(by, task.plan.region_id)
    _check_version(task, version)
    before = task_snapshot(task)["leaders"]
    _sync_leaders(task, leaders)
    after = task_snapshot(task)["leaders"]
    if after != before:
        record(actor=by, verb="task.leaders_set", obj=task, before=before, after=after)
    return task


@transaction.atomic
def set_task_indicators(*, task: Task, indicators: Sequence[IndicatorSpec], by: Any) -> Task:
    """Replace the task's indicators; one with readings filed against it is kept."""
    require_plan_editor(by, task.plan.region_id)
    before = task_snapshot(task)["indicators"]
    _sync_indicators(task, indicators)
    after = task_snapshot(task)["indicators"]
    if after != before:
        record(actor=by, verb="task.indicators_set", obj=task, before=before, after=after)
    return task


@transaction.atomic
def tag_task(*, task: Task, tags: Sequence[str], by: Any, version: str | None = None) -> Task:
    """Mark the task as a key indicator, key project, reform or livelihood project (any of them)."""
    require_plan_editor(by, task.plan.region_id)
    _check_version(task, version)
    wanted = list(dict.fromkeys(tags))
    bad = [t for t in wanted if t not in Task.Tag.values]
    if bad:
        raise ValueError(f"unknown tags: {bad}")
    before = list(task.tags or [])
    if before != wanted:
        task.tags = wanted
        task.save(update_fields=["tags"])
        record(actor=by, verb="task.tagged", obj=task, before={"tags": before}, after={"tags": wanted})
    return task


@transaction.atomic
def adjust_due_date(
    *, task: Task, due_date: dt.date, by: Any, reason: str = "", version: str | None = None
) -> Task:
    """The office moves a task's deadline (an approved extension); the reason is kept in the trail."""
    require_plan_editor(by, task.plan.region_id)
    _check_version(task, version)
    before = task.due_date
    if before != due_date:
        task.due_date = due_date
        task.save(update_fields=["due_date"])
        record(
            actor=by,
            verb="task.due_date_adjusted",
            obj=task,
            before={"due_date": before},
            after={"due_date": due_date, "reason": reason},
        )
    return task


@transaction.atomic
def withdraw_task(*, task: Task, by: Any, version: str | None = None) -> Task:
    """Cancel a task (it left the table): nothing is deleted, its reports and history stay."""
    require_plan_editor(by, task.plan.region_id)
    _check_version(task, version)
    if task.status != Task.Status.WITHDRAWN:
        task.status = Task.Status.WITHDRAWN
        task.save(update_fields=["status"])
        record(
            actor=by,
            verb="task.withdrawn",
            obj=task,
            before={"status": Task.Status.ACTIVE},
            after={"status": Task.Status.WITHDRAWN},
        )
    return task


# ---- milestones ----------------------------------------------------------------------------------------


def _milestone_state(m: Milestone) -> dict[str, Any]:
    return {
        "title": m.title,
        "due_date": m.due_date,
        "deliverable": m.deliverable,
        "unit": m.unit.name if m.unit else None,
        "done_on": m.done_on,
    }


@transaction.atomic
def add_milestone(
    *, task: Task, title: str, due_date: dt.date, by: Any, unit: Unit | None = None, deliverable: str = ""
) -> Milestone:
    """A dated step of the task (and what it delivers); a unit adds its own on the tasks it leads."""
    require_milestone_editor(by, task, unit.pk if unit else None)
    m = Milestone.objects.create(
        task=task, unit=unit, title=title[:255], due_date=due_date, deliverable=deliverable[:255]
    )
    record(actor=by, verb="milestone.created", obj=m, after={"task": task.pk, **_milestone_state(m)})
    return m


@transaction.atomic
def edit_milestone(*, milestone: Milestone, by: Any, **values: Any) -> Milestone:
    """Change a milestone's title, due date, deliverable or unit."""
    require_milestone_editor(by, milestone.task, milestone.unit_id)
    if "unit" in values:
        new_unit = values["unit"]
        require_milestone_editor(by, milestone.task, new_unit.pk if new_unit else None)
    unknown = set(values) - {"title", "due_date", "deliverable", "unit"}
    if unknown:
        raise ValueError(f"not a milestone field: {sorted(unknown)}")
    before = _milestone_state(milestone)
    for name, value in values.items():
        setattr(milestone, name, value)
    after = _milestone_state(milestone)
    if after != before:
        milestone.save()
        record(actor=by, verb="milestone.edited", obj=milestone, before=before, after=after)
    return milestone


@transaction.atomic
def close_milestone(*, milestone: Milestone, done_on: dt.date, by: Any) -> Milestone:
    """The milestone was reached on `done_on`."""
    require_milestone_editor(by, milestone.task, milestone.unit_id)
    before = milestone.done_on
    if before != done_on:
        milestone.done_on = done_on
        milestone.save(update_fields=["done_on"])
        record(
            actor=by,
            verb="milestone.closed",
            obj=milestone,
            before={"done_on": before},
            after={"done_on": done_on},
        )
    return milestone
