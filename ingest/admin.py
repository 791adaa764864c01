from django.contrib import admin

from ingest.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin[ImportBatch]):
    """Batches are a record of what was uploaded and what it did: read-only here, changed by services."""

    list_display = ["original_name", "region", "year", "status", "created_by", "created_at", "plan"]
    list_filter = ["region", "year", "status"]
    search_fields = ["original_name"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
