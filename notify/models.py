"""The outbox: one row per message, channel and recipient, unique by its key, delivered at most once.

Every reminder, notice and digest goes through it. A row is claimed with a conditional UPDATE before it is
sent, so any number of `send_outbox` processes can run at once; a row whose sending was interrupted is never
sent again on its own (the office decides)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Region, Unit


class Channel(models.TextChoices):
    INBOX = "inbox", _("in-app inbox")
    EMAIL = "email", _("e-mail")
    DINGTALK = "dingtalk", _("DingTalk robot")
    WECOM = "wecom", _("WeCom robot")


class Message(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, will retry")
        DEAD = "dead", _("given up")

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("reminder")
        CHASE = "chase", _("chase")
        NOTICE = "notice", _("supervision notice")
        DIGEST = "digest", _("weekly digest")
        OTHER = "other", _("other")

    key = models.CharField(_("key"), max_length=64, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notify_messages",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    link = models.CharField(_("link"), max_length=255, blank=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    not_before = models.DateTimeField(_("not before"))
    next_attempt_at = models.DateTimeField(_("next attempt"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claim = models.CharField(_("claimed by"), max_length=64, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notify_msg_due"),
            models.Index(fields=["recipient", "channel", "read_at"], name="notify_msg_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.subject}"


class Attempt(models.Model):
    """One try at delivering a message, kept with its error."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(_("at"))
    ok = models.BooleanField(_("delivered"))
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"{self.message_id} {self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'error'}"


class RobotHook(models.Model):
    """A DingTalk or WeCom group robot, configured by the office for a region or for one unit."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(
        _("channel"),
        max_length=16,
        choices=[(Channel.DINGTALK, Channel.DINGTALK.label), (Channel.WECOM, Channel.WECOM.label)],
    )
    name = models.CharField(_("name"), max_length=64)
    url = models.URLField(_("webhook address"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=128, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")

    def __str__(self) -> str:
        return self.name


class Preference(models.Model):
    """The channels a person chose. Notices and chases always reach the inbox whatever is chosen."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notify_pref"
    )
    email = models.BooleanField(_("by e-mail"), default=True)
    reminders = models.BooleanField(_("reminders before deadlines"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)
