from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and security")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from accounts import schema, signals  # noqa: F401  (signal handlers, OpenAPI auth scheme)
        from accounts.groups import ensure_admin_groups

        post_migrate.connect(ensure_admin_groups)
