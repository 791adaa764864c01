"""The L4 case file (移交纪委监委): one zip with the task's timeline, reports, notices, answers, interview
records, the audit extract and a manifest with the SHA-256 of every file. Read-only: GET never writes.

The notices' .docx are rendered by the caller (an edge adapter passes `render`), so this core module
never imports the document layout code.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from django.db.models import Q

from audit.models import AuditEvent
from progress.models import ReportVersion
from supervision.models import Extension, Interview, Notice
from targets.models import Task


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def _notice_row(n: Notice) -> dict[str, Any]:
    return {
        "id": n.pk,
        "number": n.number,
        "unit": n.unit.name,
        "level": n.level,
        "rule": n.rule,
        "reasons": n.reasons,
        "state": n.state,
        "proposed_on": n.proposed_on,
        "issued_on": n.issued_on,
        "answer_due": n.answer_due,
        "decision_reason": n.decision_reason,
        "answer": n.answer_text,
        "answered_on": n.answered_on,
        "review_comment": n.review_comment,
        "close_text": n.close_text,
        "closed_on": n.closed_on,
    }


def _files(task: Task, render: Callable[[Notice], bytes] | None) -> dict[str, bytes]:
    notices = list(
        Notice.objects.filter(task=task).exclude(state=Notice.State.DRAFT).select_related("unit", "region")
    )
    versions = list(
        ReportVersion.objects.filter(report__task=task)
        .select_related("report__period", "report__unit")
        .order_by("at", "pk")
    )
    reports = [
        {
            "period": v.report.period.label,
            "unit": v.report.unit.name,
            "version": v.number,
            "action": v.action,
            "status": v.status,
            "percent": v.percent,
            "text": v.text,
            "by": v.by_name,
            "at": v.at,
        }
        for v in versions
    ]
    interviews = [
        {
            "notice": iv.notice.number,
            "state": iv.state,
            "held_on": iv.held_on,
            "participants": iv.participants,
            "rectification_plan": iv.rectification_plan,
            "rectification_due": iv.rectification_due,
            "follow_up": iv.follow_up,
            "minutes_file": iv.minutes.name if iv.minutes else "",
        }
        for iv in Interview.objects.filter(notice__task=task).select_related("notice")
    ]
    extensions = list(
        Extension.objects.filter(task=task).values("unit__name", "old_date", "new_date", "reason", "state")
    )
    ids = [str(n.pk) for n in notices]
    audit = list(
        AuditEvent.objects.filter(
            Q(object_type="targets.task", object_id=str(task.pk))
            | Q(object_type="supervision.notice", object_id__in=ids)
            | Q(object_type="progress.progressreport", object_id__in=[str(v.report_id) for v in versions])
        )
        .order_by("id")
        .values("at", "actor_name", "verb", "object_type", "object_id", "before", "after", "hash")
    )
    timeline = sorted(
        [
            {"at": r["at"], "what": f"{r['period']} {r['action']} {r['percent']}%", "by": r["by"]}
            for r in reports
        ]
        + [
            {"at": n.issued_on or n.proposed_on, "what": f"L{n.level} {n.number} {n.state}", "by": ""}
            for n in notices
        ]
        + [
            {"at": iv["held_on"], "what": "约谈", "by": iv["participants"]}
            for iv in interviews
            if iv["held_on"]
        ],
        key=lambda e: str(e["at"]),
    )
    files = {
        "task.json": _json(
            {"seq": task.seq, "text": task.text, "due_date": task.due_date, "plan": str(task.plan)}
        ),
        "timeline.json": _json(timeline),
        "reports.json": _json(reports),
        "notices.json": _json([_notice_row(n) for n in notices]),
        "interviews.json": _json(interviews),
        "extensions.json": _json(extensions),
        "audit.json": _json(audit),
    }
    if render is not None:
        for n in notices:
            files[f"notices/{n.number or n.pk}.docx"] = render(n)
    return files


def case_file(*, task: Task, render: Callable[[Notice], bytes] | None = None) -> bytes:
    """The zip; manifest.json lists each file's size and SHA-256."""
    files = _files(task, render)
    manifest = {
        name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()} for name, data in files.items()
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", _json(manifest))
    return buf.getvalue()
