from django.contrib import admin

from orgs.models import Membership, Person, Region, Unit, UnitAlias


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "published"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "region", "parent", "requires_signoff", "active"]
    list_filter = ["region", "kind", "requires_signoff", "active"]
    search_fields = ["name", "short_name", "aliases__alias"]
    filter_horizontal = ["members"]
    inlines = [UnitAliasInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "region", "phone", "user"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "phone"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "unit"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "unit__name"]
