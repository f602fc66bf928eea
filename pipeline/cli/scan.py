"""kehoach searchable-pdf: scans with a text layer added (registered on pipeline.cli.main.app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.main import app, err
from pipeline.errors import KehoachError


@app.command("searchable-pdf")
def searchable_pdf(
    paths: Annotated[list[Path], typer.Argument(help="scanned PDFs or images (PNG, JPEG, TIFF); folders too")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="folder for the searchable PDFs")] = Path(
        "output") / "searchable",
    dpi: Annotated[int, typer.Option(help="resolution at which scanned PDF pages are read")] = 300,
) -> None:
    """Write a searchable copy of each scan: an invisible Vietnamese text layer (Tesseract) on every
    scanned page, pages that already have text copied as they are. Originals are never modified.

    Example:  kehoach searchable-pdf scans/ -o output/searchable
    """
    from pipeline.catalog.ingest import iter_files
    from pipeline.use.searchable import make_searchable

    failed = 0
    for path in iter_files(paths):
        dst = out_dir / (path.stem + ".pdf")
        try:
            r = make_searchable(path, dst, dpi=dpi)
        except (KehoachError, ValueError, OSError) as e:
            err.print(f"[red]error[/red] {path}: {e}", highlight=False)
            failed += 1
            continue
        print(f"{path} -> {r.output} ({r.pages} pages, {r.ocr_pages} OCRed)")
    if failed:
        raise typer.Exit(1)
