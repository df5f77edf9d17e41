"""The one error an import raises: which document, where in it, and what is wrong."""

from __future__ import annotations


class AsyncApiImportError(ValueError):
    """A document that cannot be imported. ``str()`` names the document, place and problem."""

    def __init__(self, message: str, *, document: str = "", location: str = "") -> None:
        self.problem = message
        self.document = document
        self.location = location
        where = f" at {location}" if location else ""
        prefix = f"{document}{where}: " if document else (f"{location}: " if location else "")
        super().__init__(prefix + message)


def located(location: str, message: str) -> AsyncApiImportError:
    """An error at ``location`` (a dotted path); the document name is added by the caller."""
    return AsyncApiImportError(message, location=location)
