"""What security keeps about an account: the first-login flag and the API tokens (hashed, expiring)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_profile", verbose_name=_("user")
    )
    must_change_password = models.BooleanField(_("must change password at next login"), default=False)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account profile")
        verbose_name_plural = _("account profiles")

    def __str__(self) -> str:
        return str(self.user)


class ApiToken(models.Model):
    """An API token: only its SHA-256 is stored; the token itself is shown once, when it is issued."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    key_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    prefix = models.CharField(_("token prefix"), max_length=8)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("revoked because"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
