"""Deadline day's starting point: the office has reviewed last month's reports (run in `manage.py shell`).

On the 5th working day the office has gone through what came in the month before; a unit whose last report
was accepted may confirm "no change this month" instead of filling in the form — what half of the load
test's liaisons do. The demo's simulated year files reports but leaves them all waiting for review, so here
each unit's latest routine report on each task is accepted through the service, by its region's office, as
a person in the office would. Prints how many were accepted.
"""

from orgs.models import Membership, Role
from progress import services
from progress.models import ProgressReport
from progress.rules import ROUTINE_KINDS

office = {
    m.region_id: m.user
    for m in Membership.objects.filter(role=Role.SUPERVISOR).select_related("user").order_by("pk")
}
latest: dict[tuple[int, int], ProgressReport] = {}
routine = ProgressReport.objects.filter(period__kind__in=ROUTINE_KINDS).select_related("task__plan", "period")
for report in routine.order_by("period__due_date", "pk"):
    latest[(report.task_id, report.unit_id)] = report
accepted = 0
for report in latest.values():
    if report.state == ProgressReport.State.FILED and report.task.plan.region_id in office:
        services.accept_report(report=report, by=office[report.task.plan.region_id])
        accepted += 1
print("ACCEPTED", accepted)
