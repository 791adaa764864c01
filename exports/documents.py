"""The write path of official documents: draft from the data, edit the text, issue (numbered, frozen as
.docx and .pdf, audited). One function per action; keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from audit.services import record
from exports.drafting import DraftError, UnitScore, draft_content, interview, window_for
from exports.drafting.content import Content, attachments_from_json, number_prefix, render
from exports.drafting.facts import gather
from exports.models import Document
from exports.pdf import ConversionError, docx_to_pdf
from targets.models import Plan, Task

MAX_TITLE = 255


class DocumentError(Exception):
    """Field → messages, or one message under "__all__"."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def _audit(document: Document) -> dict[str, Any]:
    return {
        "state": document.state,
        "version": document.version,
        "title": document.title,
        "addressee": document.addressee,
        "body": document.body,
        "number": document.number,
    }


def content_of(document: Document, *, today: dt.date) -> Content:
    return Content(
        kind=document.kind,
        organ=document.organ,
        title=document.title,
        addressee=document.addressee,
        body=document.body,
        date=document.issued_on or today,
        number=document.number or (number_prefix(document.region) + f"〔{document.year}〕　号"),
        attachments=attachments_from_json(document.attachments),
    )


def draft_text(
    *,
    plan: Plan,
    kind: str,
    period: str,
    today: dt.date,
    scores: Sequence[UnitScore] | None = None,
    task: Task | None = None,
) -> Content:
    """The drafted content, not saved (the command line writes it straight to a file)."""
    if kind == Document.Kind.INTERVIEW:
        if task is None or task.plan_id != plan.pk:
            raise DraftError(_("Choose the task the interview is about."))
        facts = gather(plan, window_for("bulletin", plan, period, today=today), today=today)
        fact = facts.by_id()[task.pk]
        return interview.draft(facts, fact, today=today)
    return draft_content(kind, plan, period=period, today=today, scores=scores)


@transaction.atomic
def draft_document(
    *,
    plan: Plan,
    kind: str,
    by: Any,
    today: dt.date,
    period: str = "",
    scores: Sequence[UnitScore] | None = None,
    task: Task | None = None,
) -> Document:
    """A new draft written from the data by rules. Raises DocumentError for a wrong kind or period."""
    try:
        content = draft_text(plan=plan, kind=kind, period=period, today=today, scores=scores, task=task)
    except DraftError as exc:
        raise DocumentError({"__all__": [exc.message]}) from exc
    document = Document.objects.create(
        region_id=plan.region_id,
        plan=plan,
        task=task,
        kind=kind,
        period=period,
        year=plan.year,
        title=content.title[:MAX_TITLE],
        addressee=content.addressee[:MAX_TITLE],
        body=content.body,
        organ=content.organ,
        attachments=content.attachments_json(),
        drafted_by=by if getattr(by, "pk", None) else None,
    )
    record(actor=by, verb="exports.document_drafted", obj=document, after=_audit(document))
    return document


@transaction.atomic
def save_document_text(
    *, document: Document, by: Any, title: str, addressee: str, body: str, version: int
) -> Document:
    """The office edits a draft's words. A draft changed by someone else since `version` is not
    overwritten; an issued document never changes."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("A document needs a title.")]
    elif len(title.strip()) > MAX_TITLE:
        errors["title"] = [_("The title is too long (at most 255 characters).")]
    if len(addressee.strip()) > MAX_TITLE:
        errors["addressee"] = [_("The addressee is too long (at most 255 characters).")]
    if not body.strip():
        errors["body"] = [_("The text is empty.")]
    if errors:
        raise DocumentError(errors)
    before = _audit(document)
    updated = Document.objects.filter(pk=document.pk, state=Document.State.DRAFT, version=version).update(
        title=title.strip(), addressee=addressee.strip(), body=body.strip(), version=version + 1
    )
    if not updated:
        raise DocumentError(
            {
                "__all__": [
                    _("This document was issued or changed by someone else since you opened it; reload it.")
                ]
            }
        )
    document.refresh_from_db()
    record(actor=by, verb="exports.document_saved", obj=document, before=before, after=_audit(document))
    return document


def _next_serial(document: Document) -> int:
    last = Document.objects.filter(region_id=document.region_id, year=document.year).aggregate(
        m=Max("serial")
    )
    return int(last["m"] or 0) + 1


@transaction.atomic
def issue_document(*, document: Document, by: Any, today: dt.date, version: int) -> Document:
    """Number the draft (泉港督查〔2026〕N号, gapless per region and year), freeze it as .docx and .pdf."""
    if not document.is_draft or document.version != version:
        raise DocumentError(
            {
                "__all__": [
                    _("This document was issued or changed by someone else since you opened it; reload it.")
                ]
            }
        )
    before = _audit(document)
    serial = _next_serial(document)
    number = f"{number_prefix(document.region)}〔{document.year}〕{serial}号"
    content = content_of(document, today=today)
    content.number = number if document.kind != Document.Kind.INTERVIEW else ""
    content.date = today
    docx = render(content)
    try:
        pdf = docx_to_pdf(docx)
    except ConversionError as exc:
        raise DocumentError({"__all__": [str(exc)]}) from exc
    try:
        with transaction.atomic():
            updated = Document.objects.filter(
                pk=document.pk, state=Document.State.DRAFT, version=version
            ).update(
                state=Document.State.ISSUED,
                serial=serial,
                number=number,
                issued_on=today,
                docx=docx,
                pdf=pdf,
                issued_by=by if getattr(by, "pk", None) else None,
                version=version + 1,
            )
    except IntegrityError:
        updated = 0
    if not updated:
        raise DocumentError(
            {"__all__": [_("Someone issued a document at the same moment; issue this one again.")]}
        )
    document.refresh_from_db()
    record(actor=by, verb="exports.document_issued", obj=document, before=before, after=_audit(document))
    return document


def document_file(document: Document, fmt: str, *, today: dt.date) -> bytes:
    """The issued file as frozen; a draft rendered now (reads only)."""
    if not document.is_draft:
        frozen = document.docx if fmt == "docx" else document.pdf
        return bytes(frozen or b"")
    docx = render(content_of(document, today=today))
    return docx if fmt == "docx" else docx_to_pdf(docx)
