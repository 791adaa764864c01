"""Two people editing one task at once: the version of a task as an editor saw it.

A task has no version column; its version is a fingerprint of what the office edits (text, due date, tags,
status, lead and co-units, leaders). A form carries the version it was opened on; the service compares it
with the task's version under a row lock and refuses with TaskChanged when someone saved in between, so the
second save overwrites nothing and the page shows the person's own input again beside the current task.
"""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext_lazy

from targets.models import Section, Task

CHANGED_MESSAGE = gettext_lazy(
    "Someone else changed this task since you opened the form; nothing was saved. "
    "Your input is kept below: check the task as it is now and save again."
)
SECTION_CHANGED_MESSAGE = gettext_lazy(
    "Someone else renamed this section since you opened the form; nothing was saved. "
    "Check the current title and save again."
)


class TaskChanged(Exception):
    """The task (or section) changed since the editor read it; `version` is its version now."""

    def __init__(self, version: str, message: str = str(CHANGED_MESSAGE)) -> None:
        super().__init__(message)
        self.version = version
        self.message = message


def _fingerprint(values: object) -> str:
    data = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def task_version(task: Task) -> str:
    """The task's version: uses the lists prefetched by `targets.access.with_details` when present."""
    return _fingerprint(
        {
            "text": task.text,
            "due_date": task.due_date,
            "tags": list(task.tags or []),
            "status": task.status,
            "lead": [u.pk for u in task.lead_units],
            "co": [u.pk for u in task.co_units],
            "leaders": [p.pk for p in task.leader_people],
        }
    )


def section_version(section: Section) -> str:
    return _fingerprint({"title": section.title})
