"""Document pages: the documents in the register, and one document with every extraction highlighted."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.register.overview import read_document
from beleidsmonitor.web.document_markup import document_markup, extraction_counts
from beleidsmonitor.web.params import DocumentId
from beleidsmonitor.web.rendering import next_page_url, page_marker, register_of, render

router = APIRouter()


@router.get("/documents", response_class=HTMLResponse, name="documents")
def documents_page(request: Request, after: str | None = None) -> HTMLResponse:
    """The stored documents, oldest first (undated last), one page at a time."""
    try:
        page = register_of(request).page_documents(after=page_marker(after))
    except RegisterError as exc:
        raise HTTPException(400, f"after: onbekende paginamarkering ({exc.code.name})") from None
    return render(
        request, "documents.html", documents=page.items, next_url=next_page_url(request, page.next_after)
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse, name="document")
def document_page(request: Request, document_id: DocumentId) -> HTMLResponse:
    """One document's clean text with commitments, times, references, amounts and organisations marked."""
    try:
        document = read_document(register_of(request), document_id)
    except RegisterError:
        raise HTTPException(404, f"document {document_id} staat niet in het register") from None
    return render(
        request,
        "document.html",
        document=document,
        body=document_markup(document),
        counts=extraction_counts(document),
        mentions=len(document.mentions),
    )
