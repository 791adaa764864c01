from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from audit.services import note_write

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(note_write, dispatch_uid=f"audit.note_write.{id(signal)}")
