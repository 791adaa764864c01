"""The office's people pages: units with their leader and liaison, the roster out and back in (preview, then
confirm), switching accounts off and on; and, for administrators, a new region with its office account."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onboarding import access, services
from onboarding.forms import RegionForm, RosterUploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOKEN = re.compile(r"^[0-9a-f]{64}$")


def _upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "rosters"


@login_required
@require_GET
def people(request: HttpRequest, region_id: int) -> HttpResponse:
    region = access.access_region_people(request.user, region_id)
    rows = services.people_of(region)
    missing = request.GET.get("missing") == "liaison"
    if missing:
        rows = [r for r in rows if r.liaison is None]
    return render(
        request,
        "onboarding/people.html",
        {"region": region, "rows": rows, "missing": missing, "form": RosterUploadForm()},
    )


@login_required
@require_GET
def roster_template(request: HttpRequest, region_id: int) -> HttpResponse:
    region = access.access_region_people(request.user, region_id)
    response = HttpResponse(services.template(region), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{region.pk}-roster.xlsx"
    return response


@login_required
@require_POST
def roster_upload(request: HttpRequest, region_id: int) -> HttpResponse:
    region = access.access_region_people(request.user, region_id)
    form = RosterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        rows = services.people_of(region)
        return render(
            request, "onboarding/people.html", {"region": region, "rows": rows, "form": form}, status=400
        )
    data = form.cleaned_data["file"].read()
    token = hashlib.sha256(data).hexdigest()
    folder = _upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{token}.xlsx").write_bytes(data)
    with (folder / f"{token}.xlsx").open("rb") as f:
        plan = services.plan(region, f)
    return render(request, "onboarding/roster_preview.html", {"region": region, "plan": plan, "token": token})


@login_required
@require_POST
def roster_confirm(request: HttpRequest, region_id: int) -> HttpResponse:
    region = access.access_region_people(request.user, region_id)
    token = request.POST.get("token", "")
    path = _upload_dir() / f"{token}.xlsx"
    if not TOKEN.match(token) or not path.is_file():
        messages.error(request, _("That roster upload is no longer here; upload the file again."))
        return redirect("onboarding:people", region_id=region.pk)
    with path.open("rb") as f:
        plan = services.plan(region, f)
    if not plan.ok:
        return render(
            request, "onboarding/roster_preview.html", {"region": region, "plan": plan, "token": token}
        )
    credentials = services.apply(plan, by=request.user)
    path.unlink(missing_ok=True)
    return render(
        request, "onboarding/roster_done.html", {"region": region, "plan": plan, "credentials": credentials}
    )


@login_required
@require_POST
def person_active(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.access_person(request.user, person_id)
    services.set_account_active(person=person, active=request.POST.get("active") == "1", by=request.user)
    return redirect("onboarding:people", region_id=person.region_id)


@login_required
def region_new(request: HttpRequest) -> HttpResponse:
    if not access.may_create_regions(request.user):
        raise PermissionDenied
    form = RegionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region, credential = services.create_region(by=request.user, **form.cleaned_data)
        return render(request, "onboarding/region_done.html", {"region": region, "credential": credential})
    return render(request, "onboarding/region_new.html", {"form": form})
