"""notify's business actions besides the outbox itself: the office's robots and a person's channels."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import record
from notify.models import Preference, RobotHook
from orgs.models import Region, Unit


def _hook_snapshot(hook: RobotHook) -> dict[str, Any]:
    # the secret and the token in the address stay out of the audit trail: a reader of the trail could post
    return {
        "region": hook.region_id,
        "unit": hook.unit_id,
        "channel": hook.channel,
        "name": hook.name,
        "host": hook.url.split("?")[0],
        "active": hook.active,
    }


@transaction.atomic
def add_robot(
    *, region: Region, unit: Unit | None, channel: str, name: str, url: str, secret: str, by: Any
) -> RobotHook:
    hook = RobotHook.objects.create(
        region=region, unit=unit, channel=channel, name=name, url=url, secret=secret
    )
    record(actor=by, verb="notify.robot_added", obj=hook, after=_hook_snapshot(hook))
    return hook


@transaction.atomic
def set_robot_active(*, hook: RobotHook, active: bool, by: Any) -> RobotHook:
    before = _hook_snapshot(hook)
    hook.active = active
    hook.save(update_fields=["active"])
    record(actor=by, verb="notify.robot_changed", obj=hook, before=before, after=_hook_snapshot(hook))
    return hook


@transaction.atomic
def set_preferences(*, user: Any, email: bool, reminders: bool) -> Preference:
    """A person's own choice of channels. Notices and chases reach the inbox whatever is chosen."""
    pref, _ = Preference.objects.get_or_create(user=user)
    before = {"email": pref.email, "reminders": pref.reminders}
    pref.email, pref.reminders = email, reminders
    pref.save()
    record(
        actor=user,
        verb="notify.preferences",
        obj=pref,
        before=before,
        after={"email": email, "reminders": reminders},
    )
    return pref
