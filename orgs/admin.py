"""The Django admin for regions, units, people and memberships, in Chinese; every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from audit.services import record
from orgs.models import Membership, Person, Region, Unit, UnitAlias
from orgs.privacy import phone_for

admin.site.site_header = _("duban administration")
admin.site.site_title = _("duban administration")
admin.site.index_title = _("Data of the supervision loop")


def _snapshot(obj: Any) -> dict[str, Any]:
    data = model_to_dict(obj)
    for key, value in list(data.items()):
        if isinstance(value, list):  # many-to-many: keep the ids
            data[key] = sorted(getattr(v, "pk", v) for v in value)
    return data


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """An admin whose saves and deletes leave an AuditEvent (who, when, before and after), like a service."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        before = _snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        obj._audit_before = before

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        verb = f"{obj._meta.model_name}.{'changed' if change else 'created'}_in_admin"
        record(
            actor=request.user,
            verb=verb,
            obj=obj,
            before=getattr(obj, "_audit_before", None),
            after=_snapshot(obj),
        )

    def delete_model(self, request: Any, obj: Any) -> None:
        before = _snapshot(obj)
        record(actor=request.user, verb=f"{obj._meta.model_name}.deleted_in_admin", obj=obj, before=before)
        super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            record(
                actor=request.user,
                verb=f"{obj._meta.model_name}.deleted_in_admin",
                obj=obj,
                before=_snapshot(obj),
            )
        super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows that change only through their services: listed and shown, never added, edited or deleted."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class UnitAliasInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitAlias
    extra = 0
    fields = ["alias", "region"]


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["name", "parent"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "kind", "region", "parent", "requires_signoff", "active"]
    list_filter = ["region", "kind", "requires_signoff", "active"]
    search_fields = ["name", "short_name", "aliases__alias"]
    list_select_related = ["region", "parent"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["members"]
    inlines = [UnitAliasInline]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "kind", "unit", "region", "user"]
    list_filter = ["region", "kind"]
    search_fields = ["name"]  # phone numbers are encrypted at rest: not searchable
    list_select_related = ["unit", "region", "user"]
    autocomplete_fields = ["unit"]

    def get_list_display(self, request: Any) -> Any:
        """The phone column shows the number in full only to those who need it (orgs.privacy)."""
        viewer = request.user

        @admin.display(description=_("phone"))
        def phone(obj: Person) -> str:
            return phone_for(viewer, obj)

        return ["name", "kind", "unit", "region", phone, "user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Memberships are audited wherever they change (orgs.account_audit), the admin included."""

    list_display = ["user", "role", "region", "unit"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "user__first_name", "unit__name"]
    list_select_related = ["user", "region", "unit"]
    autocomplete_fields = ["unit", "person"]
