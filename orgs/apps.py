from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Regions, units and people")

    def ready(self) -> None:
        from orgs import account_audit

        account_audit.connect()
