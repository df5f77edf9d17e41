"""Request and response bodies of the JSON API. A revision's graph is the contract's Graph."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from django.conf import settings
from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints

from diagrams.core.graph import Graph
from diagrams.core.importers import MAX_DOCUMENT_BYTES, MAX_DOCUMENTS

JobKindName = Literal["plan", "refine"]
JobStatusName = Literal["pending", "running", "succeeded", "failed"]
RevisionKindName = Literal["plan", "refine", "restore", "undo", "import"]
RevisionNumber = Annotated[int, Field(ge=1, le=1_000_000)]

# Some character that is not white space, in a regex that reads the same in JSON Schema
# (ECMA-262) and in Python, whose str.strip() also removes \x1c-\x1f and \x85.
NOT_BLANK = r"[^\s\x1c-\x1f\x85]"


# Lengths are checked before stripping, so the limits mean what the description says.
PromptText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=settings.MAX_PROMPT_CHARS, pattern=NOT_BLANK),
    AfterValidator(str.strip),
]
InstructionText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=settings.MAX_INSTRUCTION_CHARS, pattern=NOT_BLANK),
    AfterValidator(str.strip),
]


class PromptIn(Schema):
    prompt: PromptText = Field(
        description="A plain-English description of the system to sketch.",
        examples=["An event-driven order system with Kafka, order and payment services"],
    )


class RefineIn(Schema):
    instruction: InstructionText = Field(
        description="A chat instruction applied to the latest revision.",
        examples=["Add a dead letter queue for failed events"],
    )


class JobOut(Schema):
    code: UUID
    kind: JobKindName
    status: JobStatusName
    error: str = Field(description="Why the job failed; empty unless status is 'failed'.")
    attempts: int
    diagram: UUID
    revision: int | None = Field(description="The revision number the job produced, if any.")
    url: str = Field(description="Poll this URL for the job's state.")
    diagram_url: str
    revision_url: str | None


class RevisionOut(Schema):
    number: int
    kind: RevisionKindName
    parent: int | None
    instruction: str
    summary: str
    planner: str
    created: datetime
    url: str


class RevisionDetailOut(RevisionOut):
    graph: Graph


class DiagramOut(Schema):
    code: UUID
    title: str
    prompt: str
    created: datetime
    updated: datetime
    latest_revision: int | None
    url: str


class DiagramDetailOut(DiagramOut):
    active_job: JobOut | None
    revisions_url: str


class ExportFormatOut(Schema):
    name: str
    label: str
    media_type: str
    extension: str


class DesignDocumentOut(Schema):
    revision: int
    markdown: str


class DocumentIn(Schema):
    name: Annotated[str, StringConstraints(max_length=200)] = Field(
        default="", description="A file name, used in error messages."
    )
    content: Annotated[str, StringConstraints(min_length=1, max_length=MAX_DOCUMENT_BYTES)] = Field(
        description="An AsyncAPI 3.0 document, YAML or JSON."
    )


class ImportIn(Schema):
    documents: list[DocumentIn] = Field(
        min_length=1,
        max_length=MAX_DOCUMENTS,
        description="One document per application of one system; shared channels are merged.",
    )


class ImportOut(Schema):
    diagram: DiagramDetailOut
    revision: RevisionOut
