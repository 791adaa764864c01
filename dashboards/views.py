"""The dashboards' pages: the office's overview (and its print view), the burden, the leader's cockpit, and
投诉建议. Each view: access helper → read (or service) → render (or redirect)."""

from __future__ import annotations

from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dashboards import access, gather, services
from dashboards.counting import COLORS, GroupCount
from dashboards.models import SUBJECT_MAX, TEXT_MAX, Feedback
from orgs.roles import roles_of
from progress import clock
from supervision.rules import COLOR_WORDS

FEEDBACK_PAGE = 200


def _region_param(request: HttpRequest, source: Any = None) -> int | None:
    raw = (source if source is not None else request.GET).get("region", "")
    return int(raw) if str(raw).isdigit() else None


def _color_words(colors: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(c, COLOR_WORDS[c]) for c in colors]


def _rows_html(rows: list[tuple[str, list[int], int]], links: dict[str, str] | None = None) -> SafeString:
    """A counts table's <tr>s made here in one pass (a district has a hundred units; a template spends a
    node on every cell): the name, linked where `links` has it, each light's count, the sum. The name goes
    through `escape` (what the template's autoescape applies)."""
    links = links or {}
    out = []
    for name, cells, total in rows:
        shown = escape(name)
        if name in links:
            shown = f'<a href="{escape(links[name])}">{shown}</a>'
        counts = "".join([f"<td>{n:d}</td>" for n in cells])
        out.append(f'<tr><th scope="row">{shown}</th>{counts}<td>{total:d}</td></tr>\n      ')
    return SafeString("".join(out))


def _table(
    key: str,
    title: str,
    head: str,
    rows: list[GroupCount],
    colors: tuple[str, ...],
    *,
    links: dict[str, str] | None = None,
) -> dict[str, Any]:
    cells = [(r.name, r.cells(colors), r.total) for r in rows]
    return {
        "key": key,
        "title": title,
        "head": head,
        "rows": cells,
        "body": _rows_html(cells, links),
        "more": len(rows) > gather.CHART_ROWS,
    }


@login_required
@require_GET
def office(request: HttpRequest) -> HttpResponse:
    board = access.office_board(request.user, _region_param(request))
    today = clock.today()
    data = gather.office(board.region, today=today, viewer=request.user)
    colors = data.colors
    trend_rows = [(p.month, p.cells(colors), sum(p.cells(colors))) for p in data.trend]
    charts = {
        "section": gather.chart(data.by_section, colors),
        "unit": gather.chart(data.by_unit, colors),
        "leader": gather.chart(data.by_leader, colors),
        "tag": gather.chart(data.by_tag, colors),
        "trend": gather.trend_chart(data.trend, colors),
        "words": dict(_color_words(COLORS)),
    }
    context = {
        "board": board,
        "data": data,
        "today": today,
        "colors": _color_words(colors),
        "charts": charts,
        "tables": [
            _table("section", _("Lights by section"), _("Section of the plan"), data.by_section, colors),
            _table("unit", _("Lights by lead unit"), _("Lead unit"), data.by_unit, colors),
            _table(
                "leader",
                _("Lights by leader in charge"),
                _("Leader in charge"),
                data.by_leader,
                colors,
                links={
                    name: reverse("dashboards:cockpit_of", args=[person_id])
                    for name, person_id in data.leader_ids.items()
                    if person_id
                },
            ),
            _table("tag", _("Lights by tag"), _("Tag"), data.by_tag, colors),
        ],
        "trend_rows": trend_rows,
        "trend_body": _rows_html(trend_rows),
    }
    template = "dashboards/office_print.html" if request.GET.get("print") == "1" else "dashboards/office.html"
    return render(request, template, context)


@login_required
@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    board = access.office_board(request.user, _region_param(request, request.POST))
    access.require_office(request.user, board.region)
    queued = services.remind_unreported(region=board.region, by=request.user, today=clock.today())
    if queued:
        messages.success(request, _("%(n)d reminders were queued for the units' liaisons.") % {"n": queued})
    else:
        messages.info(request, _("Nothing new to send: these units were already reminded today."))
    return redirect(f"{reverse('dashboards:office')}?region={board.region.pk}")


@login_required
@require_GET
def burden(request: HttpRequest) -> HttpResponse:
    board = access.office_board(request.user, _region_param(request))
    data = gather.burden(board.region)
    chart = {
        "categories": [r.label for r in data.rows],
        "series": [
            {"name": _("Steps on reports"), "data": [r.steps for r in data.rows]},
            {"name": _("Co-unit input"), "data": [r.co_inputs for r in data.rows]},
            {"name": _("Notice answers"), "data": [r.answers for r in data.rows]},
        ],
    }
    template = "dashboards/burden_print.html" if request.GET.get("print") == "1" else "dashboards/burden.html"
    return render(request, template, {"board": board, "data": data, "chart": chart})


@login_required
@require_GET
def cockpit(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    people = access.cockpit_people(request.user, person_id)
    data = gather.cockpit(people, today=clock.today(), viewer=request.user)
    own = all(p.pk in roles_of(request.user).leader_person_ids for p in people)
    return render(
        request,
        "dashboards/cockpit.html",
        {"data": data, "read_only": not own, "words": COLOR_WORDS, "today": clock.today()},
    )


def _feedback_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    rows = list(access.visible_feedback(request.user).order_by("-submitted_at", "-pk")[:FEEDBACK_PAGE])
    return {
        "rows": rows,
        "units": list(access.feedback_units(request.user)),
        "kinds": Feedback.Kind.choices,
        "subject_max": SUBJECT_MAX,
        "text_max": TEXT_MAX,
        "errors": {},
        "values": {},
        **extra,
    }


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "dashboards/feedback_list.html", _feedback_context(request))
    unit_id = request.POST.get("unit", "")
    unit = access.require_submitter(request.user, int(unit_id) if unit_id.isdigit() else 0)
    try:
        services.submit_feedback(
            unit=unit,
            by=request.user,
            kind=request.POST.get("kind", ""),
            subject=request.POST.get("subject", ""),
            text=request.POST.get("text", ""),
        )
    except services.FeedbackError as e:
        context = _feedback_context(request, errors=e.errors, values=request.POST)
        return render(request, "dashboards/feedback_list.html", context, status=400)
    messages.success(request, _("Sent to the supervision office. Its answer will appear here."))
    return redirect("dashboards:feedback")


@login_required
@require_GET
def feedback_detail(request: HttpRequest, feedback_id: int) -> HttpResponse:
    fb = access.access_feedback(request.user, feedback_id)
    context = {
        "fb": fb,
        "may_answer": access.may_answer(request.user, fb),
        "text_max": TEXT_MAX,
        "errors": {},
    }
    return render(request, "dashboards/feedback_detail.html", context)


@login_required
@require_POST
def feedback_answer(request: HttpRequest, feedback_id: int) -> HttpResponse:
    fb = access.access_feedback(request.user, feedback_id, answer=True)
    text = request.POST.get("answer", "")
    try:
        services.answer_feedback(feedback=fb, by=request.user, answer=text)
    except services.FeedbackError as e:
        context = {"fb": fb, "may_answer": True, "text_max": TEXT_MAX, "errors": e.errors, "answer": text}
        return render(request, "dashboards/feedback_detail.html", context, status=400)
    messages.success(request, _("The answer is saved; the unit sees it now."))
    return redirect("dashboards:feedback_detail", feedback_id=fb.pk)
