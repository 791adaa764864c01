"""API for what is due and for progress reports (issue 6)."""

urlpatterns: list = []
