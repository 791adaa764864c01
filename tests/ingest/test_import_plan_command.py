"""An administrator imports a table from the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from ingest.models import ImportBatch
from orgs.models import Region
from targets.models import Plan, Task
from tests.ingest.gold import LICHENG, QUANGANG, seed_path
from tests.writepath.dbstate import changed_tables, table_digests

pytestmark = pytest.mark.django_db


def test_import_plan_creates_the_region_and_the_plan():
    out = io.StringIO()
    call_command("import_plan", str(seed_path(LICHENG)), "--region", "鲤城区", stdout=out)
    plan = Plan.objects.get(region__name="鲤城区")
    assert plan.year == 2026  # read from the file
    assert Task.objects.filter(plan=plan).count() == 84
    assert "84 rows" in out.getvalue()
    assert AuditEvent.objects.filter(verb="import.confirmed", actor_name="manage.py import_plan").exists()


def test_a_dry_run_of_a_new_region_writes_no_row():
    before = table_digests()
    out = io.StringIO()
    call_command("import_plan", str(seed_path(QUANGANG)), "--region", "泉港区", "--dry-run", stdout=out)
    assert changed_tables(before, table_digests()) == []
    assert "泉港区 2026: a new region" in out.getvalue()
    assert "dry run: nothing was written" in out.getvalue()
    assert not Region.objects.exists()
    assert not ImportBatch.objects.exists()


def test_a_dry_run_over_an_imported_plan_reports_the_diff_and_writes_no_row():
    call_command("import_plan", str(seed_path(QUANGANG)), "--region", "泉港区", stdout=io.StringIO())
    before = table_digests()
    out = io.StringIO()
    call_command("import_plan", str(seed_path(QUANGANG)), "--region", "泉港区", "--dry-run", stdout=out)
    assert changed_tables(before, table_digests()) == []
    assert "泉港区 2026:" in out.getvalue()
    assert "added 0" in out.getvalue()


def test_a_wrong_year_is_refused_with_the_reason():
    with pytest.raises(CommandError, match="不是 2025 年度"):
        call_command("import_plan", str(seed_path(QUANGANG)), "--region", "泉港区", "--year", "2025")
    assert Plan.objects.count() == 0
    assert Region.objects.filter(name="泉港区").exists()


def test_a_missing_file_is_refused():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_plan", "/nonexistent/表.docx", "--region", "泉港区")
