"""The supervision pages: one URL per page, one POST URL per verb."""

from django.urls import path

from supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("issue-all/", views.issue_all, name="issue_all"),
    path("notices/<int:notice_id>/", views.notice_page, name="notice"),
    path("notices/<int:notice_id>/issue/", views.issue, name="issue"),
    path("notices/<int:notice_id>/dismiss/", views.dismiss, name="dismiss"),
    path("notices/<int:notice_id>/answer/", views.answer, name="answer"),
    path("notices/<int:notice_id>/approve/", views.approve, name="approve"),
    path("notices/<int:notice_id>/review/", views.review, name="review"),
    path("notices/<int:notice_id>/close/", views.close, name="close"),
    path("notices/<int:notice_id>/interview/", views.interview, name="interview"),
    path("extensions/<int:extension_id>/decide/", views.decide_extension, name="decide_extension"),
    path(
        "commendations/<int:commendation_id>/decide/", views.decide_commendation, name="decide_commendation"
    ),
]
