"""The assessment's pages: the office's result table with a chart and its actions; a unit's own score with
its explanation and an objection form; an Excel export."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from assessment import access, services
from progress import clock

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def results(request: HttpRequest, plan_id: int) -> HttpResponse:
    assessment = access.access_assessment_for_office(request.user, plan_id)
    plan, scores = access.visible_scores(request.user, plan_id)
    rows = list(scores.order_by("group", "rank", "unit__name"))
    chart: dict[str, Any] = {"groups": {}}
    for s in rows:
        chart["groups"].setdefault(s.group, []).append({"name": s.unit.name, "total": float(s.total)})
    open_objections = (
        list(assessment.scores.filter(objections__state="open").distinct().select_related("unit"))
        if assessment
        else []
    )
    return render(
        request,
        "assessment/results.html",
        {
            "plan": plan,
            "assessment": assessment,
            "rows": rows,
            "chart": chart,
            "open_objections": open_objections,
        },
    )


@login_required
@require_GET
def unit_score(request: HttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    score = access.access_score(request.user, plan_id, unit_id)
    return render(request, "assessment/unit_score.html", {"score": score, "plan": score.assessment.plan})


@login_required
@require_POST
def act(request: HttpRequest, plan_id: int, action: str) -> HttpResponse:
    assessment = access.access_assessment_for_office(request.user, plan_id)
    today = clock.today()
    try:
        if action == "compute":
            _plan, _ = access.visible_scores(request.user, plan_id)
            services.assess(plan=_plan, today=today, by=request.user)
        elif assessment is None:
            raise Http404
        elif action == "publish":
            services.publish(assessment=assessment, by=request.user, today=today)
        elif action == "freeze":
            services.freeze(assessment=assessment, by=request.user)
        elif action == "reopen":
            services.reopen(assessment=assessment, by=request.user, reason=request.POST.get("reason", ""))
        else:
            raise Http404
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    return redirect("assessment:results", plan_id=plan_id)


@login_required
@require_POST
def object_to(request: HttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    score = access.access_score(request.user, plan_id, unit_id)
    if unit_id not in access.own_units(request.user):
        raise Http404
    try:
        services.object_to(
            score=score, by=request.user, text=request.POST.get("text", ""), today=clock.today()
        )
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    return redirect("assessment:unit_score", plan_id=plan_id, unit_id=unit_id)


@login_required
@require_GET
def export(request: HttpRequest, plan_id: int) -> HttpResponse:
    access.access_assessment_for_office(request.user, plan_id)
    plan, scores = access.visible_scores(request.user, plan_id)
    wb = openpyxl.Workbook()
    ws = wb.active
    if ws is None:
        ws = wb.create_sheet()
    ws.title = "考核结果"
    ws.append(["考核类别", "排名", "单位", "总分", "等次", "任务完成", "过程管理", "督办扣分", "加分"])
    for s in scores.order_by("group", "rank", "unit__name"):
        c = s.components
        ws.append(
            [
                s.group,
                s.rank,
                s.unit.name,
                float(s.total),
                s.grade,
                c.get("completion"),
                c.get("process"),
                c.get("escalation"),
                c.get("bonus"),
            ]
        )
    lines = wb.create_sheet("得分说明")
    lines.append(["单位", "任务", "规则", "分值", "说明"])
    for s in scores.order_by("unit__name"):
        for line in s.lines:
            lines.append([s.unit.name, line["task_id"], line["rule"], line["points"], line["reason"]])
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename=assessment-{plan.pk}.xlsx"
    return response
