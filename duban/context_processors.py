"""What every page needs to know about the user: their roles, read once per request."""

from typing import Any

from django.http import HttpRequest

from orgs.roles import roles_of


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    r = roles_of(user)
    return {
        "nav_is_supervisor": r.is_admin or bool(r.supervised_regions),
        "nav_is_unit_member": bool(r.member_units),
        "nav_people_region": min(r.supervised_regions) if r.supervised_regions else None,
        "nav_reads_overview": r.is_admin or bool(r.supervised_regions or r.observed_regions),
        "nav_is_leader": bool(r.leader_person_ids),
        "nav_has_role": r.is_admin
        or bool(r.supervised_regions or r.observed_regions or r.leader_regions or r.member_units),
    }
