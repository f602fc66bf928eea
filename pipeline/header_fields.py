"""Names of the record's header fields (kept apart from pipeline.record so the catalog can name its
columns without importing pydantic: query commands start faster)."""

HEADER_FIELDS = [
    "doc_type", "number", "issuer", "issuer_parent", "issue_place", "issue_date", "title",
    "signer_name", "signer_position", "signer_authority",
]
