"""Exception hierarchy and the catalogue of coded messages.

Codes: D0xx a document cannot be read, S0xx a setting is invalid, R0xx the register refuses an operation,
N0xx a remote source (officielebekendmakingen, SRU, Tweede Kamer open data) fails.
Every message says what is wrong and, where it helps, what to do next.
"""

from __future__ import annotations

from enum import Enum


class Code(Enum):
    """Stable error codes with their message template."""

    D001 = "the file is empty"
    D002 = "the content is not a supported format (plain text, PDF, HTML, XML or DOCX): {detail}"
    D003 = "the file is truncated or damaged: {detail}"
    D004 = "the file cannot be read: {detail}"
    D005 = "the PDF is encrypted; save an unprotected copy first"
    D006 = "the PDF has no text layer (scanned image?); run OCR first"
    D007 = "the XML is unsafe or invalid: {detail}"
    D008 = "the DOCX file is suspicious: {detail}"
    D009 = "the file is too large: {detail}"
    D010 = "the file does not exist"
    D011 = "the document has no text"
    D012 = "the markup is nested too deeply: {detail}"
    D013 = "the document could not be analysed ({detail}); this is a fault of beleidsmonitor, please report it with the file"
    D020 = "the analysis went past its budget: {detail}; raise the setting or split the file"
    S001 = "setting {name} is invalid: {detail}"
    R001 = "no commitment with id {detail}"
    R002 = "the register could not be opened: {detail}"
    R003 = "the register is busy: another process holds its write lock ({detail}); try again when it is done"
    R004 = "no dossier {detail} in the register"
    R005 = "no document {detail} in the register"
    R006 = "the backup could not be written: {detail}"
    R007 = "the register refused the document, nothing of it was stored: {detail}"
    R010 = "the official register file cannot be imported: {detail}"
    N001 = "the service cannot be reached: {detail}; check the connection (cached responses are used when present)"
    N002 = "the service answered {detail}"
    N003 = "the service sent something unexpected: {detail}"
    R020 = "the correction is refused: {detail}"
    R021 = "the corrections file cannot be imported: {detail}"
    R022 = "the page marker {detail} is not one of this list; start again from the first page"


class BeleidsmonitorError(Exception):
    """Base class of every error this package raises on purpose."""


class DocumentError(BeleidsmonitorError):
    """A document cannot be read or analysed; names the file, a code and the reason."""

    def __init__(self, path: str, code: Code, detail: str = "") -> None:
        self.path = path
        self.code = code
        self.detail = detail
        self.reason = code.value.format(detail=detail, name="")
        super().__init__(f"{path}: {code.name} {self.reason}")


class SettingsError(BeleidsmonitorError):
    """A setting has a value outside its allowed type or range."""

    def __init__(self, name: str, detail: str) -> None:
        self.name = name
        self.code = Code.S001
        super().__init__(f"{Code.S001.name} " + Code.S001.value.format(name=name, detail=detail))


class RegisterError(BeleidsmonitorError):
    """The register cannot perform an operation."""

    def __init__(self, code: Code, detail: str = "") -> None:
        self.code = code
        super().__init__(f"{code.name} " + code.value.format(detail=detail))


class RemoteError(BeleidsmonitorError):
    """A remote source cannot deliver what was asked; names the address, a code and the reason."""

    def __init__(self, url: str, code: Code, detail: str = "") -> None:
        self.url = url
        self.code = code
        self.detail = detail
        self.reason = code.value.format(detail=detail)
        super().__init__(f"{url}: {code.name} {self.reason}")
