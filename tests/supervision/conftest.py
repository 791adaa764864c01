from collections.abc import Callable
from typing import Any

import pytest

from supervision import lights
from targets.models import Task
from tests.progress.conftest import fast_passwords, media, today, world  # noqa: F401  (the same cast)


@pytest.fixture
def spy_compute(monkeypatch: Any) -> Callable[[], list[list[int]]]:
    """`seen = spy_compute()`: from then on, the task ids of every `supervision.lights.compute` call (the tasks
    whose lights were worked out again); `monkeypatch.undo()` stops it."""

    def start() -> list[list[int]]:
        seen: list[list[int]] = []
        real = lights.compute

        def compute(tasks: list[Task], **day: Any) -> Any:
            seen.append([t.pk for t in tasks])
            return real(tasks, **day)

        monkeypatch.setattr(lights, "compute", compute)
        return seen

    return start
