"""API for official documents and the 台账 (issue 13): thin adapters over exports.documents and
exports.ledger, behind the same access helpers as the office's pages.

Errors are JSON with a list of messages per field; a refused ledger is a 400 listing each row's problem.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from exports import documents as services
from exports.access import access_document, access_ledger_plan, access_office_plan
from exports.ledger import export_ledger
from exports.ledger.importer import LedgerRefused, Preview, import_ledger, preview_import
from exports.ledger.workbook import LedgerUnreadable
from exports.models import Document
from orgs.roles import roles_of
from progress import clock
from targets.models import Task

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DocumentSerializer(serializers.ModelSerializer[Document]):
    class Meta:
        model = Document
        fields = (
            "id", "plan", "kind", "period", "year", "title", "addressee", "body", "organ",
            "state", "version", "number", "issued_on",
        )  # fmt: skip


class DraftInSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=["bulletin", "half_year", "annual", "interview"])
    period = serializers.CharField(required=False, allow_blank=True, default="", max_length=16)
    task_seq = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


class TextInSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=255)
    addressee = serializers.CharField(max_length=255, allow_blank=True, required=False, default="")
    body = serializers.CharField()
    version = serializers.IntegerField()


class VersionInSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()


def _errors(exc: services.DocumentError) -> Response:
    return Response(exc.errors, status=status.HTTP_400_BAD_REQUEST)


@extend_schema(responses=DocumentSerializer(many=True), request=DraftInSerializer)
@api_view(["GET", "POST"])
def plan_documents(request: Request, plan_id: int) -> Response:
    """GET: the plan's documents (office). POST {kind, period}: a new draft written from the data."""
    plan = access_office_plan(request.user, plan_id)
    if request.method == "GET":
        docs = Document.objects.filter(plan=plan).defer("docx", "pdf")
        return Response(DocumentSerializer(docs, many=True).data)
    body = DraftInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    seq = body.validated_data["task_seq"]
    task = Task.objects.filter(plan=plan, seq=seq).first() if seq else None
    try:
        document = services.draft_document(
            plan=plan, kind=body.validated_data["kind"], period=body.validated_data["period"], task=task,
            by=request.user, today=clock.today(),
        )  # fmt: skip
    except services.DocumentError as exc:
        return _errors(exc)
    return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=DocumentSerializer, request=TextInSerializer)
@api_view(["GET", "PATCH"])
def document_detail(request: Request, document_id: int) -> Response:
    """GET: the document. PATCH {title, addressee, body, version}: the office edits a draft's text."""
    if request.method == "GET":
        return Response(DocumentSerializer(access_document(request.user, document_id)).data)
    document = access_document(request.user, document_id, edit=True)
    body = TextInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        document = services.save_document_text(document=document, by=request.user, **body.validated_data)
    except services.DocumentError as exc:
        return _errors(exc)
    return Response(DocumentSerializer(document).data)


@extend_schema(responses=DocumentSerializer, request=VersionInSerializer)
@api_view(["POST"])
def issue(request: Request, document_id: int) -> Response:
    """Number and freeze a draft as .docx and .pdf."""
    document = access_document(request.user, document_id, edit=True)
    body = VersionInSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        document = services.issue_document(
            document=document, by=request.user, today=clock.today(), version=body.validated_data["version"]
        )
    except services.DocumentError as exc:
        return _errors(exc)
    return Response(DocumentSerializer(document).data)


@extend_schema(responses={200: OpenApiResponse(description="the .docx or .pdf")})
@api_view(["GET"])
def document_file(request: Request, document_id: int, fmt: str) -> HttpResponse:
    document = access_document(request.user, document_id)
    data = services.document_file(document, fmt, today=clock.today())
    return HttpResponse(data, content_type=DOCX if fmt == "docx" else "application/pdf")


@extend_schema(responses={200: OpenApiResponse(description="the 台账 as .xlsx")})
@api_view(["GET"])
def ledger(request: Request, plan_id: int) -> HttpResponse:
    plan = access_ledger_plan(request.user, plan_id)
    roles = roles_of(request.user)
    only = None if roles.supervises(plan.region_id) else roles.liaison_units
    return HttpResponse(export_ledger(plan, today=clock.today(), only_units=only), content_type=XLSX)


def _preview(preview: Preview) -> dict[str, Any]:
    return {
        "period": preview.period.label if preview.period else None,
        "changes": [
            {"row": c.sheet_row, "seq": c.seq, "unit": c.unit_name, "notes": list(c.notes),
             "cells": [{"column": x.column, "before": x.before, "after": x.after} for x in c.changes]}
            for c in preview.changes
        ],
        "problems": [{"row": p.sheet_row, "message": p.message} for p in preview.problems],
    }  # fmt: skip


LEDGER_UPLOAD = {
    "multipart/form-data": {
        "type": "object",
        "properties": {"file": {"type": "string", "format": "binary"}, "dry_run": {"type": "string"}},
        "required": ["file"],
    }
}


@extend_schema(
    request=LEDGER_UPLOAD, responses={200: OpenApiResponse(description="what changed, or what would change")}
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
def ledger_import(request: Request, plan_id: int) -> Response:
    """multipart `file`; `dry_run=1` previews and writes nothing. A refused ledger: 400 with its rows."""
    plan = access_ledger_plan(request.user, plan_id)
    upload = request.FILES.get("file")
    if upload is None:
        return Response({"file": ["Upload the ledger as `file`."]}, status=status.HTTP_400_BAD_REQUEST)
    data = upload.read()
    try:
        if str(request.POST.get("dry_run", "")) in ("1", "true", "yes"):
            preview = preview_import(plan=plan, data=data, uploader=request.user, today=clock.today())
        else:
            preview = import_ledger(plan=plan, data=data, by=request.user, today=clock.today())
    except LedgerUnreadable as exc:
        return Response({"file": [exc.message]}, status=status.HTTP_400_BAD_REQUEST)
    except LedgerRefused as exc:
        refused = Preview(plan, None, problems=exc.problems)
        return Response(_preview(refused), status=status.HTTP_400_BAD_REQUEST)
    return Response(
        _preview(preview), status=status.HTTP_200_OK if preview.ok else status.HTTP_400_BAD_REQUEST
    )


urlpatterns = [
    path("plans/<int:plan_id>/documents", plan_documents, name="api-plan-documents"),
    path("documents/<int:document_id>", document_detail, name="api-document"),
    path("documents/<int:document_id>/issue", issue, name="api-document-issue"),
    path("documents/<int:document_id>/docx", document_file, {"fmt": "docx"}, name="api-document-docx"),
    path("documents/<int:document_id>/pdf", document_file, {"fmt": "pdf"}, name="api-document-pdf"),
    path("plans/<int:plan_id>/ledger.xlsx", ledger, name="api-ledger"),
    path("plans/<int:plan_id>/ledger", ledger_import, name="api-ledger-import"),
]
