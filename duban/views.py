from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from orgs.roles import roles_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is: units to their to-do list, the office to its overview,
    a district leader to their cockpit."""
    roles = roles_of(request.user)
    if roles.member_units:
        return redirect("progress:workspace")
    if roles.is_admin or roles.supervised_regions:
        return redirect("dashboards:office")
    if roles.leader_person_ids:
        return redirect("dashboards:cockpit")
    return redirect("targets:plan_list")
