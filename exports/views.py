"""The office's pages for documents and the 台账. Each view: access → form → service → redirect."""

from __future__ import annotations

import base64
import binascii

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from exports import documents as services
from exports.access import access_document, access_ledger_plan, access_office_plan
from exports.forms import DraftForm, LedgerUploadForm, TextForm
from exports.ledger import export_ledger
from exports.ledger.importer import LedgerRefused, import_ledger, preview_import
from exports.ledger.workbook import LedgerUnreadable
from exports.models import Document
from exports.pdf import ConversionError
from orgs.roles import roles_of
from progress import clock
from targets.models import Plan, Task

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    """The plans whose documents and 台账 the office keeps."""
    roles = roles_of(request.user)
    if not (roles.is_admin or roles.supervised_regions):
        raise PermissionDenied
    qs = Plan.objects.select_related("region").order_by("-year", "region__name")
    if not roles.is_admin:
        qs = qs.filter(region_id__in=roles.supervised_regions)
    return render(request, "exports/plans.html", {"plans": qs})


@login_required
@require_GET
def document_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_office_plan(request.user, plan_id)
    docs = Document.objects.filter(plan=plan).defer("docx", "pdf", "body", "attachments")
    return render(
        request, "exports/document_list.html", {"plan": plan, "documents": docs, "form": DraftForm()}
    )


@login_required
@require_POST
def draft(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_office_plan(request.user, plan_id)
    form = DraftForm(request.POST)
    if form.is_valid():
        seq = form.cleaned_data["task_seq"]
        task = Task.objects.filter(plan=plan, seq=seq).first() if seq else None
        try:
            document = services.draft_document(
                plan=plan,
                kind=form.cleaned_data["kind"],
                period=form.cleaned_data["period"],
                task=task,
                by=request.user,
                today=clock.today(),
            )
        except services.DocumentError as exc:
            messages.error(request, " ".join(m for ms in exc.errors.values() for m in ms))
        else:
            return redirect("exports:document", document.pk)
    docs = Document.objects.filter(plan=plan).defer("docx", "pdf", "body", "attachments")
    return render(
        request, "exports/document_list.html", {"plan": plan, "documents": docs, "form": form}, status=400
    )


@login_required
@require_GET
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = access_document(request.user, document_id)
    office = roles_of(request.user).supervises(doc.region_id)
    form = TextForm(
        initial={"title": doc.title, "addressee": doc.addressee, "body": doc.body, "version": doc.version}
    )
    return render(
        request, "exports/document.html", {"doc": doc, "form": form, "can_edit": office and doc.is_draft}
    )


@login_required
@require_POST
def save(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = access_document(request.user, document_id, edit=True)
    form = TextForm(request.POST)
    if form.is_valid():
        try:
            services.save_document_text(
                document=doc,
                by=request.user,
                title=form.cleaned_data["title"],
                addressee=form.cleaned_data["addressee"],
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
            )
        except services.DocumentError as exc:
            for field, errors in exc.errors.items():
                for error in errors:
                    form.add_error(None if field == "__all__" else field, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("exports:document", doc.pk)
    return render(request, "exports/document.html", {"doc": doc, "form": form, "can_edit": True}, status=400)


@login_required
@require_POST
def issue(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = access_document(request.user, document_id, edit=True)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        doc = services.issue_document(document=doc, by=request.user, today=clock.today(), version=version)
    except services.DocumentError as exc:
        messages.error(request, " ".join(m for ms in exc.errors.values() for m in ms))
    else:
        messages.success(request, _("Issued as %(number)s.") % {"number": doc.number})
    return redirect("exports:document", doc.pk)


@login_required
@require_GET
def download(request: HttpRequest, document_id: int, fmt: str) -> HttpResponse:
    doc = access_document(request.user, document_id)
    try:
        data = services.document_file(doc, fmt, today=clock.today())
    except ConversionError as exc:
        messages.error(request, str(exc))
        return redirect("exports:document", doc.pk)
    return _attachment(data, f"{doc.title[:60]}.{fmt}", DOCX if fmt == "docx" else "application/pdf")


@login_required
@require_GET
def ledger_download(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_ledger_plan(request.user, plan_id)
    roles = roles_of(request.user)
    only = None if roles.supervises(plan.region_id) else roles.liaison_units
    data = export_ledger(plan, today=clock.today(), only_units=only)
    return _attachment(data, f"{plan.year}{plan.region.name}台账.xlsx", XLSX)


@login_required
def ledger_import(request: HttpRequest, plan_id: int) -> HttpResponse:
    """GET: the upload form. POST with a file: the preview (nothing written). POST with `data`: apply."""
    plan = access_ledger_plan(request.user, plan_id)
    context = {"plan": plan, "form": LedgerUploadForm()}
    if request.method != "POST":
        return render(request, "exports/ledger_import.html", context)
    if "data" in request.POST:
        return _ledger_apply(request, plan)
    form = LedgerUploadForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "exports/ledger_import.html", context, status=400)
    data = form.cleaned_data["file"].read()
    try:
        preview = preview_import(plan=plan, data=data, uploader=request.user, today=clock.today())
    except LedgerUnreadable as exc:
        context["refusal"] = exc.message
        return render(request, "exports/ledger_import.html", context, status=400)
    context |= {"preview": preview, "data": base64.b64encode(data).decode()}
    return render(request, "exports/ledger_import.html", context)


def _ledger_apply(request: HttpRequest, plan: object) -> HttpResponse:
    context: dict[str, object] = {"plan": plan, "form": LedgerUploadForm()}
    try:
        data = base64.b64decode(request.POST["data"], validate=True)
        preview = import_ledger(plan=plan, data=data, by=request.user, today=clock.today())  # type: ignore[arg-type]
    except (binascii.Error, ValueError):
        context["refusal"] = _("The upload was damaged; upload the file again.")
    except LedgerUnreadable as exc:
        context["refusal"] = exc.message
    except LedgerRefused as exc:
        context["problems"] = exc.problems
    else:
        messages.success(request, _("%(n)s rows were filed as reports.") % {"n": len(preview.changes)})
        return redirect("exports:ledger_import", plan.pk)  # type: ignore[attr-defined]
    return render(request, "exports/ledger_import.html", context, status=400)
