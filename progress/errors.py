"""What the reporting loop's services refuse with: shown beside the fields, as a message, or as the newer
version someone else saved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from progress.models import ProgressReport

CONFLICT_MESSAGE = gettext_lazy(
    "Someone saved this report since you read it; nothing was overwritten. "
    "Here is the current version: check it and send yours again with its version number."
)


class ReportInvalid(Exception):
    """Field → messages; the form shows them beside the fields, the API returns them as JSON."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class ReportChanged(Exception):
    """Someone else saved the report since it was read; `current` is the newer version."""

    def __init__(self, current: ProgressReport):
        super().__init__(f"report {current.pk} is at version {current.version}")
        self.current = current


class ReportStateError(Exception):
    """The action does not fit the report's state (already accepted, period locked …)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
