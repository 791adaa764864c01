"""A document as the office edits it (title, addressee, body text) plus what the layout adds around it
(head, number, signature, attached tables drawn from the data), and its rendering as .docx."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from exports.layout import Attachment, Letterhead, OfficialDocument, date_text
from orgs.models import Region

DRAFT_NUMBER = "〔{year}〕　号"


@dataclass
class Content:
    kind: str
    organ: str
    title: str
    addressee: str
    body: str
    date: dt.date
    number: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    note: str = ""

    def attachments_json(self) -> list[dict[str, Any]]:
        return [
            {
                "title": a.title,
                "header": list(a.header),
                "rows": [list(r) for r in a.rows],
                "widths": list(a.widths_mm),
            }
            for a in self.attachments
        ]


def attachments_from_json(items: list[dict[str, Any]]) -> list[Attachment]:
    return [Attachment(i["title"], i["header"], i["rows"], i.get("widths") or ()) for i in items]


def office_name(region: Region) -> str:
    """The supervision office as it signs: the region's setting, else 〈区〉人民政府督查室."""
    custom = (region.settings or {}).get("office_name")
    return custom if isinstance(custom, str) and custom else f"{region.name}人民政府督查室"


def number_prefix(region: Region) -> str:
    """机关代字 for the office's documents: the region's setting, else 泉港督查 for 泉港区."""
    custom = (region.settings or {}).get("document_prefix")
    if isinstance(custom, str) and custom:
        return custom
    name = region.name
    short = name[:-1] if len(name) > len("某区") and name[-1] in "区县市" else name
    return short + "督查"


def render(content: Content) -> bytes:
    doc = OfficialDocument()
    doc.letterhead(Letterhead(content.organ, content.number))
    doc.title(content.title)
    doc.addressee(content.addressee)
    doc.body(content.body)
    doc.attachment_note([a.title for a in content.attachments])
    doc.signature(content.organ, date_text(content.date))
    if content.note:
        doc.note(content.note)
    doc.attachments(content.attachments)
    return doc.to_bytes()
