"""notify's pages: the inbox and its bell, a person's channels, and the office's outbox and robots."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from notify import access, outbox, services
from notify.forms import PreferenceForm, RobotForm
from notify.models import Channel, Message, Preference, RobotHook
from progress import clock
from progress.due import pending_for

INBOX_PAGE = 100


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    rows = list(
        Message.objects.filter(recipient=user, channel=Channel.INBOX).order_by("-created_at", "-id")[
            :INBOX_PAGE
        ]
    )
    unread = sum(1 for m in rows if m.read_at is None)
    return render(request, "notify/inbox.html", {"rows": rows, "unread": unread})


@login_required
@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    unread = Message.objects.filter(recipient=user, channel=Channel.INBOX, read_at__isnull=True).count()
    # Counted now, on every request (the nav asks again every minute and when the tab comes back):
    # never a number kept from an earlier page.
    pending = pending_for(user, today=clock.today())
    response = render(request, "notify/_bell.html", {"unread": unread, "pending": pending})
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("message")
    ids = [int(raw)] if raw and raw.isdigit() else None
    outbox.mark_read(user=request.user, message_ids=ids)
    return redirect("notify:inbox")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    pref = Preference.objects.filter(user=user).first() or Preference(user=user)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.set_preferences(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your choices are saved."))
            return redirect("notify:preferences")
    else:
        form = PreferenceForm(initial={"email": pref.email, "reminders": pref.reminders})
    return render(
        request, "notify/preferences.html", {"form": form, "email": getattr(request.user, "email", "")}
    )


@login_required
@require_GET
def outbox_page(request: HttpRequest) -> HttpResponse:
    regions = access.office_regions(request.user)
    problems = list(
        Message.objects.filter(region__in=regions, state__in=[Message.State.FAILED, Message.State.DEAD])
        .select_related("recipient", "unit")
        .order_by("-next_attempt_at", "-id")[:200]
    )
    waiting = Message.objects.filter(region__in=regions, state=Message.State.QUEUED).count()
    return render(request, "notify/outbox.html", {"problems": problems, "waiting": waiting})


@login_required
@require_POST
def retry(request: HttpRequest, message_id: int) -> HttpResponse:
    message = access.access_outbox_message(request.user, message_id)
    outbox.retry_message(message=message, by=request.user)
    messages.success(request, _("The message is queued again; it goes out in the next working hours."))
    return redirect("notify:outbox")


@login_required
def robots(request: HttpRequest) -> HttpResponse:
    regions = access.office_regions(request.user)
    form = RobotForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        services.add_robot(by=request.user, **form.cleaned_data)
        messages.success(request, _("The group robot is added."))
        return redirect("notify:robots")
    hooks = (
        RobotHook.objects.filter(region__in=regions)
        .select_related("region", "unit")
        .order_by("region", "name")
    )
    return render(request, "notify/robots.html", {"form": form, "hooks": hooks})


@login_required
@require_POST
def robot_toggle(request: HttpRequest, hook_id: int) -> HttpResponse:
    hook = access.access_robot(request.user, hook_id)
    services.set_robot_active(hook=hook, active=not hook.active, by=request.user)
    return redirect("notify:robots")
