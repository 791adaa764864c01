"""`manage.py demo`: the demo data that exists so far. Safe to run twice."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo accounts (admin) on the current database; safe to run twice."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--password", default="duban-demo-2026", help="password for every demo account")
        parser.add_argument("--json", action="store_true", help="print the accounts as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        admin, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@example.invalid"})
        admin.is_staff = admin.is_superuser = True
        admin.first_name = "管理员"
        admin.set_password(options["password"])
        admin.save()
        accounts: list[dict[str, str | None]] = [
            {"username": "admin", "role": "admin", "region": None, "unit": None}
        ]
        if options["json"]:
            self.stdout.write(json.dumps(accounts, ensure_ascii=False))
        else:
            self.stdout.write("demo accounts ready: " + ", ".join(str(a["username"]) for a in accounts))
