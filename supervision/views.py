"""The supervision pages: the office's 督办 desk, a notice's page (answer, approve, review), and the POST
verbs behind them. Each verb: access helper, service, back to the page with a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from progress import clock
from supervision import services
from supervision.access import Action, access_extension, access_notice, supervised_regions
from supervision.lights import config_for
from supervision.models import Commendation, Extension, Interview, Notice
from supervision.services import SupervisionError

S = Notice.State


def _region_q(regions: frozenset[int] | None, field: str) -> Q:
    return Q() if regions is None else Q(**{f"{field}__in": regions})


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The office's 督办 desk: drafts to decide, notices awaiting answers, overdue answers, answers to
    review, extension requests, interviews and commendations."""
    regions = supervised_regions(request.user)
    if regions is not None and not regions:
        raise PermissionDenied
    today = clock.today()
    notices = Notice.objects.filter(_region_q(regions, "region_id")).select_related("task", "unit")
    waiting = notices.filter(state__in=Notice.OPEN_STATES).order_by("answer_due")
    context = {
        "today": today,
        "drafts": notices.filter(state=S.DRAFT).order_by("-level", "task__seq"),
        "waiting": [n for n in waiting if n.answer_due and n.answer_due >= today],
        "overdue": [n for n in waiting if n.answer_due and n.answer_due < today],
        "answered": notices.filter(state=S.ANSWERED).order_by("answered_on"),
        "extensions": Extension.objects.filter(
            _region_q(regions, "task__plan__region_id"), state=Extension.State.PENDING_DECISION
        ).select_related("task", "unit"),
        "interviews": Interview.objects.filter(_region_q(regions, "notice__region_id"))
        .exclude(state=Interview.State.DISMISSED)
        .select_related("notice__task", "notice__unit")
        .order_by("state", "-pk")[:50],
        "commendations": Commendation.objects.filter(
            _region_q(regions, "region_id"), state=Commendation.State.PROPOSED
        ).select_related("unit", "task"),
    }
    return render(request, "supervision/desk.html", context)


@login_required
def notice_page(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id)
    context = {
        "notice": notice,
        "interview": Interview.objects.filter(notice=notice).first(),
        "can_answer": _may(request.user, notice, Action.ANSWER),
        "can_approve": _may(request.user, notice, Action.APPROVE),
        "can_decide": _may(request.user, notice, Action.DECIDE),
        "checklist": config_for(notice.region).close_checklist,
    }
    return render(request, "supervision/notice.html", context)


def _may(user: Any, notice: Notice, action: Action) -> bool:
    try:
        access_notice(user, notice.pk, for_action=action)
    except PermissionDenied:
        return False
    return True


def _do(request: HttpRequest, fn: Callable[[], Any], ok: str, back: str) -> HttpResponse:
    try:
        fn()
    except SupervisionError as e:
        for errors in e.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        messages.success(request, ok)
    return redirect(back)


def _back(request: HttpRequest, notice: Notice) -> str:
    return "supervision:desk" if request.POST.get("back") == "desk" else f"/supervision/notices/{notice.pk}/"


@require_POST
@login_required
def issue(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id, for_action=Action.DECIDE)
    reason = request.POST.get("reason", "")
    return _do(
        request,
        lambda: services.issue_notice(notice=notice, by=request.user, today=clock.today(), reason=reason),
        _("The notice was issued."),
        _back(request, notice),
    )


@require_POST
@login_required
def issue_all(request: HttpRequest) -> HttpResponse:
    regions = supervised_regions(request.user)
    if regions is not None and not regions:
        raise PermissionDenied
    drafts = list(
        Notice.objects.filter(_region_q(regions, "region_id"), state=S.DRAFT, level__lte=2).order_by("pk")
    )
    return _do(
        request,
        lambda: services.issue_all(notices=drafts, by=request.user, today=clock.today()),
        _("Every level 1 and 2 draft was issued."),
        "supervision:desk",
    )


@require_POST
@login_required
def dismiss(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id, for_action=Action.DECIDE)
    reason = request.POST.get("reason", "")
    return _do(
        request,
        lambda: services.dismiss_notice(notice=notice, by=request.user, reason=reason),
        _("The proposal was dismissed."),
        _back(request, notice),
    )


@require_POST
@login_required
def answer(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id, for_action=Action.ANSWER)
    text = request.POST.get("text", "")
    return _do(
        request,
        lambda: services.answer_notice(notice=notice, by=request.user, text=text, today=clock.today()),
        _("The answer went to your unit leader for approval."),
        _back(request, notice),
    )


@require_POST
@login_required
def approve(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id, for_action=Action.APPROVE)
    return _do(
        request,
        lambda: services.approve_answer(notice=notice, by=request.user),
        _("The answer went to the supervision office."),
        _back(request, notice),
    )


@require_POST
@login_required
def review(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id, for_action=Action.DECIDE)
    accept = request.POST.get("decision") == "accept"
    comment = request.POST.get("comment", "")
    return _do(
        request,
        lambda: services.review_answer(notice=notice, by=request.user, accept=accept, comment=comment),
        _("Saved."),
        _back(request, notice),
    )


@require_POST
@login_required
def close(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id, for_action=Action.DECIDE)
    text, ticked = request.POST.get("text", ""), request.POST.getlist("checklist")
    return _do(
        request,
        lambda: services.close_notice(
            notice=notice, by=request.user, text=text, checklist=ticked, today=clock.today()
        ),
        _("The matter is closed."),
        _back(request, notice),
    )


@require_POST
@login_required
def interview(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id, for_action=Action.DECIDE)
    record = Interview.objects.get(notice=notice)
    try:
        held_on = dt.date.fromisoformat(request.POST.get("held_on", ""))
    except ValueError:
        messages.error(request, _("Enter the date of the interview, e.g. 2026-10-20."))
        return redirect(_back(request, notice))
    return _do(
        request,
        lambda: services.record_interview(
            interview=record,
            by=request.user,
            held_on=held_on,
            participants=request.POST.get("participants", ""),
            rectification_plan=request.POST.get("rectification_plan", ""),
            minutes=request.FILES.get("minutes"),
        ),
        _("The interview was recorded."),
        _back(request, notice),
    )


@require_POST
@login_required
def decide_extension(request: HttpRequest, extension_id: int) -> HttpResponse:
    ext = access_extension(request.user, extension_id, for_action=Action.DECIDE)
    approve_it = request.POST.get("decision") == "approve"
    return _do(
        request,
        lambda: services.decide_extension(
            extension=ext,
            by=request.user,
            approve=approve_it,
            comment=request.POST.get("comment", ""),
            today=clock.today(),
        ),
        _("Saved."),
        "supervision:desk",
    )


@require_POST
@login_required
def decide_commendation(request: HttpRequest, commendation_id: int) -> HttpResponse:
    regions = supervised_regions(request.user)
    found = Commendation.objects.filter(_region_q(regions, "region_id"), pk=commendation_id).first()
    if found is None or (regions is not None and not regions):
        raise PermissionDenied
    confirm = request.POST.get("decision") == "confirm"
    return _do(
        request,
        lambda: services.decide_commendation(commendation=found, by=request.user, confirm=confirm),
        _("Saved."),
        "supervision:desk",
    )
