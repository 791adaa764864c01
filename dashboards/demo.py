"""A little 投诉建议 for the demo: one suggestion the office answered, one complaint still open (through the
services, so the audit trail has them). Safe to run twice: a region that has feedback gets none."""

from __future__ import annotations

from dashboards import services
from dashboards.models import Feedback
from orgs.models import Membership, Region, Role

ROWS = [
    (
        "suggestion",
        "季度数据请只填一次",
        "三月、六月、九月的月报和季报要求填写同样的指标数值，建议季报自动带出月报数据，不再重复填写。",
        "已采纳：自下一季度起，季报自动带出当月月报的指标数值，单位只需确认。",
    ),
    (
        "complaint",
        "催报消息在午休时间发送",
        "本周有两条催报消息在12点后收到，希望避开午休时间。",
        "",
    ),
]


def add_feedback(region: Region) -> int:
    """Two rows for the region's first unit with a liaison; answered by the region's office. Returns how many."""
    if Feedback.objects.filter(region=region).exists():
        return 0
    liaison = (
        Membership.objects.filter(region=region, role=Role.LIAISON, unit__isnull=False)
        .select_related("user", "unit")
        .order_by("unit__name")
        .first()
    )
    office = Membership.objects.filter(region=region, role=Role.SUPERVISOR).select_related("user").first()
    if liaison is None or liaison.unit is None or office is None:
        return 0
    for kind, subject, text, answer in ROWS:
        fb = services.submit_feedback(
            unit=liaison.unit, by=liaison.user, kind=kind, subject=subject, text=text
        )
        if answer:
            services.answer_feedback(feedback=fb, by=office.user, answer=answer)
    return len(ROWS)
