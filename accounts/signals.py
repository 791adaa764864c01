"""Signal handlers: session bookkeeping at login, tokens revoked at logout and on any password change,
new accounts flagged for a first-login password change, admin-site changes written to the audit chain."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from accounts import tokens
from accounts.models import AccountProfile
from audit.services import record

User = get_user_model()

LOGIN_AT = "duban_login_at"
SEEN_AT = "duban_seen_at"
MUST_CHANGE = "duban_must_change"


@receiver(user_logged_in)
def _stamp_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    request.session[MUST_CHANGE] = AccountProfile.objects.filter(user=user, must_change_password=True).exists()


@receiver(user_logged_out)
def _revoke_on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and user.pk:
        tokens.revoke_all(user, reason="logout")


@receiver(pre_save, sender=User)
def _revoke_on_password_change(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if not instance.pk or (update_fields is not None and "password" not in update_fields):
        return
    old = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        tokens.revoke_all(instance, reason="password change")


@receiver(post_save, sender=User)
def _flag_new_account(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """An account someone else created starts with a password its owner must replace at first login."""
    if created and not raw and settings.ACCOUNTS_NEW_MUST_CHANGE_PASSWORD:
        AccountProfile.objects.get_or_create(user=instance, defaults={"must_change_password": True})


@receiver(post_save, sender=LogEntry)
def _admin_change_to_audit(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """Every change made in the admin site is also in the keyed audit chain."""
    if not created or (instance.content_type and instance.content_type.app_label == "orgs"):
        return  # orgs' admin records its own events, with before and after
    verb = {LogEntry.ADDITION: "admin.add", LogEntry.CHANGE: "admin.change", LogEntry.DELETION: "admin.delete"}
    record(
        actor=instance.user,
        verb=verb.get(instance.action_flag, "admin.action"),
        object_type=instance.content_type.model if instance.content_type else "",
        object_id=str(instance.object_id or ""),
        object_repr=instance.object_repr,
        after={"change": instance.get_change_message()},
    )
