"""Who may import: the supervision office of a region (and admins). Batches of other regions are 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ingest.models import ImportBatch
from orgs.models import Region
from orgs.roles import roles_of


def importable_regions(user: Any) -> QuerySet[Region]:
    roles = roles_of(user)
    if roles.is_admin:
        return Region.objects.all()
    return Region.objects.filter(pk__in=roles.supervised_regions)


def visible_batches(user: Any) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(region__in=importable_regions(user)).select_related("region", "plan")


def access_batch(user: Any, batch_id: int) -> ImportBatch:
    batch = visible_batches(user).filter(pk=batch_id).first()
    if batch is None:
        raise Http404("import batch not found")
    return batch
