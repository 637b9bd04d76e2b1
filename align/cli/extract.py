"""`align extract`: show what align reads from a plan (text per page, headings, JSON)."""

from __future__ import annotations

import click

from align.extract import extract as extract_document
from align.model import BlockKind, Document


def render_text(doc: Document) -> str:
    """Clean text with a separator per page ("──── side 3 (iii) ────") and marked headings."""
    out: list[str] = []
    for page in doc.pages:
        label = f" ({page.label})" if page.label and page.label != str(page.index) else ""
        out.append(f"──── side {page.index}{label} ────")
        if not page.has_text_layer:
            out.append("[ingen tekst på denne siden – skannet?]")
            continue
        for b in page.blocks:
            if b.kind is BlockKind.HEADING:
                out.append("#" * (b.heading_level or 1) + " " + b.text)
            elif b.kind is BlockKind.LIST_ITEM:
                out.append("• " + b.text)
            else:
                out.append(b.text)
    for w in doc.warnings:
        out.append(f"! {w}")
    return "\n\n".join(out)


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the Document as JSON.")
@click.option(
    "-w", "--workers", type=click.IntRange(min=1), default=1, show_default=True,
    help="Processes that read PDF pages in parallel.",
)
def extract(file: str, as_json: bool, workers: int) -> None:
    """Show the text align reads from FILE (PDF, .txt or .md), page by page.

    Headings are marked with #, list items with •, table rows have cells joined by " | ".
    Running headers, footers and page numbers are removed.

    Example: align extract examples/solvik-digitaliseringsplan.pdf --json > plan.json
    """
    doc = extract_document(file, workers=workers)
    if as_json:
        from align.report.json_io import dumps

        click.echo(dumps(doc))
    else:
        click.echo(render_text(doc))
