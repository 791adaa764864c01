"""Today's date in the configured time zone. Views ask here; tests replace it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
