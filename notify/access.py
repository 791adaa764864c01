"""Who may see and act on what in notify. One helper per object type; each condition on its own line."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from notify.models import Message, RobotHook
from orgs.models import Region
from orgs.roles import roles_of


def office_regions(user: Any) -> QuerySet[Region]:
    """The regions whose outbox and robots the user manages (the supervision office; administrators: all)."""
    roles = roles_of(user)
    if roles.is_admin:
        return Region.objects.all()
    if not roles.supervised_regions:
        raise PermissionDenied
    return Region.objects.filter(pk__in=roles.supervised_regions)


def access_outbox_message(user: Any, message_id: int) -> Message:
    """A message in a region the user supervises; 404 otherwise (not theirs to know about)."""
    regions = office_regions(user)
    message = Message.objects.filter(pk=message_id, region__in=regions).first()
    if message is None:
        raise Http404
    return message


def access_robot(user: Any, hook_id: int) -> RobotHook:
    regions = office_regions(user)
    hook = RobotHook.objects.filter(pk=hook_id, region__in=regions).select_related("region", "unit").first()
    if hook is None:
        raise Http404
    return hook
