from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("documents/", views.plans, name="plans"),
    path("plans/<int:plan_id>/documents/", views.document_list, name="documents"),
    path("plans/<int:plan_id>/documents/draft/", views.draft, name="draft"),
    path("documents/<int:document_id>/", views.document, name="document"),
    path("documents/<int:document_id>/save/", views.save, name="save"),
    path("documents/<int:document_id>/issue/", views.issue, name="issue"),
    path("documents/<int:document_id>/file.docx", views.download, {"fmt": "docx"}, name="docx"),
    path("documents/<int:document_id>/file.pdf", views.download, {"fmt": "pdf"}, name="pdf"),
    path("plans/<int:plan_id>/ledger.xlsx", views.ledger_download, name="ledger"),
    path("plans/<int:plan_id>/ledger/import/", views.ledger_import, name="ledger_import"),
]
