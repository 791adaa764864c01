"""Sending a report back: the unit leader to the liaison (instead of signing off), the office reopening an
accepted report. Each reads top to bottom: access → form → service → redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from progress import services
from progress.access import Action, access_report
from progress.forms import ReviewForm
from progress.services import ReportChanged, ReportInvalid, ReportStateError


def _refusal(error: ReportInvalid | ReportChanged | ReportStateError) -> str:
    if isinstance(error, ReportInvalid):
        return " ".join(m for ms in error.errors.values() for m in ms)
    if isinstance(error, ReportChanged):
        return _("This report changed while you were reading it; read the new version.")
    return error.message


@require_POST
@login_required
def send_back(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_action=Action.SIGN_OFF)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.send_back(
            report=report,
            by=request.user,
            comment=form.cleaned_data.get("comment") or "",
            version=form.cleaned_data.get("version"),
        )
    except (ReportInvalid, ReportChanged, ReportStateError) as e:
        messages.error(request, _refusal(e))
        return redirect("progress:report_detail", report_id=report_id)
    messages.success(request, _("Sent back to the liaison with your comment."))
    return redirect("progress:workspace")


@require_POST
@login_required
def reopen(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_action=Action.REVIEW)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.reopen_report(
            report=report,
            by=request.user,
            reason=form.cleaned_data.get("comment") or "",
            version=form.cleaned_data.get("version"),
        )
    except (ReportInvalid, ReportChanged, ReportStateError) as e:
        messages.error(request, _refusal(e))
    else:
        messages.success(request, _("Reopened: the report is back on the unit's list with your reason."))
    return redirect("progress:report_detail", report_id=report_id)
