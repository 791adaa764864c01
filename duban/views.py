from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from orgs.roles import roles_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is: units to their to-do list, the office to its queue."""
    roles = roles_of(request.user)
    if roles.member_units:
        return redirect("progress:workspace")
    if roles.is_admin or roles.supervised_regions:
        return redirect("progress:review_queue")
    return redirect("targets:plan_list")
