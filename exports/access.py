"""Who may do what with documents and ledgers.

- the supervision office of the plan's region (and an admin): draft, edit, issue, export and import the 台账;
- a liaison: export and upload the 台账 of a plan their unit has tasks in (the upload may change only the
  rows of their units; exports.ledger.importer checks that row by row);
- everyone who may read the plan: read issued documents.
Not yours → 404; yours but read-only → 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from exports.models import Document
from orgs.roles import roles_of
from targets.access import access_plan
from targets.models import Plan


def access_office_plan(user: Any, plan_id: int) -> Plan:
    """A plan whose documents the user drafts and issues."""
    plan = access_plan(user, plan_id)
    if not roles_of(user).supervises(plan.region_id):
        raise PermissionDenied
    return plan


def access_ledger_plan(user: Any, plan_id: int) -> Plan:
    plan = access_plan(user, plan_id)
    roles = roles_of(user)
    if not (roles.supervises(plan.region_id) or roles.liaison_units):
        raise PermissionDenied
    return plan


def access_document(user: Any, document_id: int, *, edit: bool = False) -> Document:
    document = Document.objects.select_related("plan__region", "region").filter(pk=document_id).first()
    if document is None:
        raise Http404("document not found")
    access_plan(user, document.plan_id)  # 404 when the plan is not the user's
    office = roles_of(user).supervises(document.region_id)
    if document.is_draft and not office:
        raise Http404("document not found")  # drafts are the office's
    if edit and not office:
        raise PermissionDenied
    return document
