"""The portal's links in the navigation, from the roles already read for the request (no query)."""

from typing import Any

from django.http import HttpRequest

from orgs.roles import roles_of


def nav(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    r = roles_of(user)
    return {
        "nav_unit_id": min(r.member_units) if r.member_units else None,
        # an observer may observe a city (a region with districts); the page lists the ones they read
        "nav_city": r.is_admin or bool(r.observed_regions),
        "nav_units": r.is_admin or bool(r.readable_regions) or len(r.member_units) > 1,
    }
