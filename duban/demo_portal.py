"""The demo's city and public page: 泉州市 over the two seed districts with a city observer, and
鲤城区's plan published on /public/ (called by `manage.py demo`)."""

from __future__ import annotations

from orgs import services as orgs
from orgs.models import Region, Role
from targets.models import Plan
from targets.services import publish_plan

CITY = "泉州市"
CITY_OBSERVER = "qz-city"
PUBLISHED_REGION = "鲤城区"


def city_and_public(
    *, districts: list[str], year: int, password_hash: str, by: str
) -> list[dict[str, str | None]]:
    """Make 泉州市 the districts' parent, give it an observer account, publish one plan; the account listed."""
    city, _ = Region.objects.get_or_create(name=CITY)
    for name in districts:
        orgs.set_region_parent(region=Region.objects.get(name=name), parent=city, by=by)
    user = orgs.ensure_account(
        username=CITY_OBSERVER,
        first_name=f"{CITY}督查室",
        by=by,
        password_hash=password_hash,
        email=f"{CITY_OBSERVER}@duban.example",
    )
    orgs.grant_role(user=user, role=Role.OBSERVER, region=city, by=by)
    plan = Plan.objects.filter(region__name=PUBLISHED_REGION, year=year).first()
    if plan is not None:
        publish_plan(plan=plan, published=True, by=by)
    return [{"username": user.username, "role": "city", "region": CITY, "unit": None}]
