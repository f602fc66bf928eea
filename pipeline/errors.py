"""Errors that name the file and the stage, so a batch can report them and go on."""


class KehoachError(Exception):
    """Base class for errors kehoach reports about one input file."""

    stage = "read"


class ReaderError(KehoachError):
    """The file cannot be read: corrupt, encrypted, empty, unsupported or not a document."""

    stage = "read"


class UnsupportedFormat(ReaderError):
    """No reader accepts this file's content."""


class EmptyDocument(ReaderError):
    """The file holds no text to extract from."""
