"""API for plans, tasks and units (issue 5)."""

urlpatterns: list = []
