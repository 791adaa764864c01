"""`manage.py demo [--password PW] [--json]`: both seed tables imported, and an account for everyone.

泉港区 and 鲤城区 (2026) from duban/demo_data (the same files as tests/data/seeds); an admin, a supervisor per region, a liaison and a unit
leader per unit (group phrases such as 各镇（街道） get none: their members have their own), and an account
for every leader named in the tables. Safe to run twice: existing plans and accounts are kept.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import services as security
from dashboards import demo as demo_feedback
from duban.demo_portal import city_and_public
from ingest.management.commands.import_plan import import_file
from ingest.models import ImportBatch
from orgs import services as orgs
from orgs.models import Person, Region, Role, Unit
from progress import clock
from supervision import demo_year
from targets.models import Assignment, Plan, TaskLeader

ACTOR = "manage.py demo"
DEFAULT_PASSWORD = "duban-demo-2026"  # noqa: S105 - the documented demo password, never a production one
# Demo persons' e-mail addresses (a reserved domain: nothing leaves the machine unless EMAIL_HOST says so).
DEMO_MAIL_DOMAIN = "duban.example"
YEAR = 2026
SEEDS = [
    ("qg", "泉港区", "000_c0ca6c59d42007b8.txt"),
    ("lc", "鲤城区", "001_31585e46d2ea987c.txt"),
]
SEED_DIR = Path(__file__).resolve().parents[2] / "demo_data"


class _Quiet:
    def say(self, line: str) -> None:
        pass


def _units_in_table_order(region: Region) -> list[Unit]:
    """The region's units that answer for tasks, in order of first appearance in the table; groups left out."""
    ordered: dict[int, Unit] = {}
    assignments = (
        Assignment.objects.filter(task__plan__region=region, task__plan__year=YEAR)
        .select_related("unit")
        .order_by("task__seq", "role", "order")
    )
    for a in assignments:
        if not a.unit.is_group:
            ordered.setdefault(a.unit_id, a.unit)
    for unit in Unit.objects.filter(region=region).exclude(kind=Unit.Kind.GROUP).order_by("name"):
        ordered.setdefault(unit.pk, unit)
    return list(ordered.values())


def _leaders_in_table_order(region: Region) -> list[Person]:
    ordered: dict[int, Person] = {}
    for tl in (
        TaskLeader.objects.filter(task__plan__region=region, task__plan__year=YEAR)
        .select_related("person")
        .order_by("task__seq", "order")
    ):
        ordered.setdefault(tl.person_id, tl.person)
    return list(ordered.values())


class Command(BaseCommand):
    help = "Import both seed tables and create the demo accounts; safe to run twice."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--password",
            default=None,
            help="a known password for every demo account, not to be changed at login",
        )
        parser.add_argument("--json", action="store_true", help="print the accounts as JSON")
        parser.add_argument(
            "--as-of",
            default="2026-10-15",
            help="write a year of reports and scans up to this date (YYYY-MM-DD)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or DEFAULT_PASSWORD
        password_hash = make_password(password)  # hashed once: hundreds of accounts share it
        for _prefix, region_name, seed in SEEDS:
            region, _ = Region.objects.get_or_create(name=region_name)
            if not Plan.objects.filter(region=region, year=YEAR).exists():
                batch = import_file(
                    SEED_DIR / seed,
                    region_name=region_name,
                    year=YEAR,
                    dry_run=False,
                    out=_Quiet(),
                    # the name the office would see on its import page, not the seed's hashed file name
                    file_name=f"{region_name}{YEAR}年政府工作报告重点工作责任分解表.txt",
                )
                if batch.status != ImportBatch.Status.CONFIRMED:
                    raise CommandError(f"{seed}: {batch.error_message}")
        # Passwords are set only on the accounts this run creates: running the demo again (with or without
        # --password) never resets a password someone has chosen since.
        self._existing = set(get_user_model().objects.values_list("username", flat=True))
        with transaction.atomic():
            accounts = self._accounts(password_hash)
            accounts += city_and_public(
                districts=[name for _p, name, _s in SEEDS], year=YEAR, password_hash=password_hash, by=ACTOR
            )
            # the three separated administrators (sysadmin, secadmin, auditadmin; see the README)
            admins = security.ensure_separated_admins(
                password_hash=password_hash, by=ACTOR, ensure_account=self._ensure
            )
            # --password P: a known password for demos and scripted checks; without it, change at first login
            security.set_first_login_for(
                usernames=[
                    n for n in [str(a["username"]) for a in accounts] + admins if n not in self._existing
                ],
                must_change=options["password"] is None,
                by=ACTOR,
            )
        demo_year.simulate(as_of=dt.date.fromisoformat(options["as_of"]))
        for _prefix, region_name, _seed in SEEDS:
            demo_feedback.add_feedback(Region.objects.get(name=region_name))
        # What the daily cron does on a running system: periods exist, reviews past their closing date
        # are closed. Without it a table imported late in the year shows every past month as overdue.
        # The office has reviewed what came in before each of those reviews closes (a unit whose last report
        # was accepted may then confirm "no change" for a month).
        demo_year.review_before_closing(today=clock.today())
        call_command("periods", close_reviews=True, stdout=io.StringIO(), stderr=io.StringIO())
        if options["json"]:
            self.stdout.write(json.dumps(accounts, ensure_ascii=False))
        else:
            self.stdout.write(f"demo data ready: {Plan.objects.count()} plans, {len(accounts)} accounts")

    def _ensure(self, **kwargs: Any) -> Any:
        """orgs.ensure_account, giving the password only to an account that does not exist yet."""
        if kwargs["username"] in self._existing:
            kwargs["password_hash"] = None
        return orgs.ensure_account(**kwargs)

    def _accounts(self, password_hash: str) -> list[dict[str, str | None]]:
        admin = self._ensure(username="admin", first_name="管理员", by=ACTOR, password_hash=password_hash)
        orgs.make_superuser(user=admin, by=ACTOR)
        accounts: list[dict[str, str | None]] = [
            {"username": "admin", "role": "admin", "region": None, "unit": None}
        ]
        for prefix, region_name, _seed in SEEDS:
            region = Region.objects.get(name=region_name)
            sup = self._ensure(
                username=f"{prefix}-sup",
                first_name=f"{region_name}督查室",
                by=ACTOR,
                password_hash=password_hash,
                email=f"{prefix}-sup@{DEMO_MAIL_DOMAIN}",
            )
            orgs.grant_role(user=sup, role=Role.SUPERVISOR, region=region, by=ACTOR)
            accounts.append(
                {"username": sup.username, "role": "supervisor", "region": region_name, "unit": None}
            )
            for index, unit in enumerate(_units_in_table_order(region), start=1):
                for role, suffix, title, kind in (
                    (Role.LIAISON, "liaison", "联络员", Person.Kind.LIAISON),
                    (Role.UNIT_LEADER, "leader", "分管领导", Person.Kind.LEADER),
                ):
                    user = self._ensure(
                        username=f"{prefix}-u{index:03d}-{suffix}",
                        first_name=f"{unit.name}{title}"[:150],
                        by=ACTOR,
                        password_hash=password_hash,
                        email=f"{prefix}-u{index:03d}-{suffix}@{DEMO_MAIL_DOMAIN}",
                    )
                    person = orgs.ensure_person(
                        region=region, unit=unit, kind=kind, name=user.first_name[:64], user=user, by=ACTOR
                    )
                    orgs.grant_role(user=user, role=role, region=region, unit=unit, person=person, by=ACTOR)
                    accounts.append(
                        {
                            "username": user.username,
                            "role": str(role),
                            "region": region_name,
                            "unit": unit.name,
                        }
                    )
            for index, person in enumerate(_leaders_in_table_order(region), start=1):
                user = self._ensure(
                    username=f"{prefix}-leader-{index:02d}",
                    first_name=person.name,
                    by=ACTOR,
                    password_hash=password_hash,
                    email=f"{prefix}-leader-{index:02d}@{DEMO_MAIL_DOMAIN}",
                )
                orgs.link_account(person=person, user=user, by=ACTOR)
                orgs.grant_role(user=user, role=Role.LEADER, region=region, person=person, by=ACTOR)
                accounts.append(
                    {"username": user.username, "role": "leader", "region": region_name, "unit": None}
                )
        return accounts
