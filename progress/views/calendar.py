"""A plan's reporting calendar and the office's holidays."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from progress import services
from progress.access import (
    Action,
    access_calendar,
    can_edit_calendar,
)
from progress.forms import CalendarForm, HolidayForm
from progress.models import CalendarConfig, ProgressReport

State = ProgressReport.State


@login_required
def calendar_settings(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_calendar(
        request.user, plan_id, for_action=Action.REVIEW if request.method == "POST" else Action.READ
    )
    if request.method == "POST":
        own = CalendarConfig.objects.filter(plan=plan).first() or CalendarConfig(
            region=plan.region, plan=plan
        )
        form = CalendarForm(request.POST, instance=own)
        if form.is_valid():
            services.save_calendar_config(plan=plan, by=request.user, values=form.cleaned_data)
            messages.success(request, _("Calendar saved; due dates of open periods were recomputed."))
            return redirect("progress:calendar", plan_id=plan.pk)
    else:
        form = CalendarForm(instance=services.calendar_config(plan))
    missing = services.missing_holiday_years(plan)
    return render(
        request,
        "progress/calendar.html",
        {
            "plan": plan,
            "form": form,
            "holiday_form": HolidayForm(initial={"year": missing[0] if missing else plan.year + 1}),
            "periods": plan.periods.order_by("due_date", "kind"),
            "missing": missing,
            "can_edit": can_edit_calendar(request.user, plan),
            "holiday_years": plan.region.holiday_years.order_by("year"),
        },
    )


@require_POST
@login_required
def holidays(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_calendar(request.user, plan_id, for_action=Action.REVIEW)
    form = HolidayForm(request.POST)
    if form.is_valid():
        services.save_holiday_year(
            region=plan.region,
            year=form.cleaned_data["year"],
            holidays=form.cleaned_data["holidays_dates"],
            workdays=form.cleaned_data["workdays_dates"],
            by=request.user,
        )
        messages.success(
            request,
            _("Holidays of %(year)d saved; due dates were recomputed.") % {"year": form.cleaned_data["year"]},
        )
    else:
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    return redirect("progress:calendar", plan_id=plan.pk)
