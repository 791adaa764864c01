"""The public page (/public/): no login, no cookie, cached; and the office's switch that publishes a plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from portal import public as facts
from progress import clock
from targets import services
from targets.access import access_plan
from targets.models import Plan

STATUS_WORDS = {
    facts.DONE: gettext_lazy("Completed"),
    facts.ON_TRACK: gettext_lazy("On schedule"),
    facts.LAGGING: gettext_lazy("Behind schedule"),
    facts.ADJUSTED: gettext_lazy("Adjusted"),
    facts.NO_REPORT: gettext_lazy("No progress reported yet"),
}


def _worded(summary: dict[str, Any]) -> dict[str, Any]:
    """The cached summary with each status in the reader's language."""
    counts = [(s, STATUS_WORDS[s], n) for s, n in summary["counts"]]
    rows = [r | {"word": STATUS_WORDS[r["status"]]} for r in summary["rows"]]
    return summary | {"counts": counts, "rows": rows}


@require_GET
@cache_control(public=True, max_age=60)
def index(request: HttpRequest) -> HttpResponse:
    plans = facts.published_plans()
    found = facts.summaries(plans, today=clock.today())
    listed = [_worded(found[p.pk]) for p in plans]
    return render(request, "portal/public_index.html", {"plans": listed})


@require_GET
@cache_control(public=True, max_age=60)
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    chosen = Plan.objects.select_related("region").filter(pk=plan_id, published=True).first()
    if chosen is None:
        raise Http404("plan not published")
    # The page is the same for every visitor (no login, no cookie, no form): kept rendered, per language,
    # beside the summary it is made of (the same key: the plan's last change and the day).
    today = clock.today()
    key = f"{facts.summary_key(chosen, today)}:html:{get_language()}"
    page: str | None = cache.get(key)
    if page is None:
        summary = facts.summaries([chosen], today=today)[chosen.pk]
        page = render_to_string("portal/public_plan.html", {"summary": _worded(summary)}, request=request)
        cache.set(key, page, facts.cache_seconds())
    return HttpResponse(page)


@login_required
@require_POST
def publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    chosen = access_plan(request.user, plan_id)
    published = request.POST.get("published") == "1"
    services.publish_plan(plan=chosen, published=published, by=request.user)
    if published:
        messages.success(request, _("The plan is on the public page."))
    else:
        messages.success(request, _("The plan is no longer on the public page."))
    return redirect("targets:task_list", plan_id=chosen.pk)
