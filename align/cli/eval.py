"""`align eval`: measure the engine and the zero-shot variants on the labelled data."""

from __future__ import annotations

import json

import click

from align.cli.options import model_options


@click.command("eval")
@click.option("--split", type=click.Choice(["test", "dev", "all"]), default="test", show_default=True, help="Which documents to measure on.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None, help="Also write every number as JSON to PATH.")
@click.option("--pdf-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Also run the whole pipeline on <id>.pdf files rendered from the labelled documents (tests/fixtures/render_eval_docs.py).")
@click.option("--scorer", "scorer_path", type=click.Path(dir_okay=False), default=None, help="A scorer file other than the shipped one.")
@click.option("--compare-finetuned", is_flag=True, default=False,
              help="Also fine-tune the encoder on the dev documents (SetFit-style pairs), retrain the heads on it and "
                   "on the frozen encoder, and report both as extra rows (test split only; about 15-20 minutes on 2 CPU cores).")
@click.option("--finetune-pairs", type=click.IntRange(min=1), default=None, help="With --compare-finetuned: training pairs (default 1600).")
@click.option("--finetune-epochs", type=click.IntRange(min=1), default=None, help="With --compare-finetuned: passes over the pairs (default 1).")
@click.option("--finetune-seed", type=int, default=0, show_default=True, help="With --compare-finetuned: seed for pairs, batches and dropout.")
@model_options
@click.pass_context
def eval_cmd(ctx: click.Context, split: str, json_path: str | None, pdf_dir: str | None, scorer_path: str | None,
             compare_finetuned: bool, finetune_pairs: int | None, finetune_epochs: int | None, finetune_seed: int,
             model: str | None, precision: str | None, cache_dir: str | None) -> None:
    """Print precision, recall and F1 per theme and framework, level accuracy and evidence precision@3.

    Example: align eval --split test --json eval.json

    Example: align eval --compare-finetuned --json eval-ft.json
    """
    from align.evaluation import evaluate, evaluate_pdfs, format_report
    from align.report.files import write_atomic

    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    if compare_finetuned and split != "test":
        raise click.UsageError("--compare-finetuned tunes the encoder on the dev documents; use it with --split test.")
    given = {"max_pairs": finetune_pairs, "epochs": finetune_epochs, "seed": finetune_seed}
    finetune = {k: v for k, v in given.items() if v is not None}  # the rest: finetune_encoder's defaults
    report = evaluate(split, model=model, precision=precision, cache_dir=cache_dir, scorer_path=scorer_path,
                      progress=None if quiet else (lambda m: click.echo(m, err=True)),
                      compare_finetuned=compare_finetuned, finetune=finetune if compare_finetuned else None)
    click.echo(format_report(report))
    if pdf_dir:
        e2e = evaluate_pdfs(pdf_dir, split, model=model, precision=precision, cache_dir=cache_dir, scorer_path=scorer_path,
                            progress=None if quiet else (lambda m: click.echo(m, err=True)))
        report["end_to_end"] = e2e
        f = lambda v: "  –  " if v is None else f"{v:5.2f}"  # noqa: E731
        click.echo(
            f"\nEnd to end from PDF ({e2e['documents']} documents): document macro-F1 {f(e2e['document_macro_f1'])}, "
            f"level accuracy {f(e2e['level_accuracy'])}, worst theme {f(e2e['worst_theme_document_f1'])}, "
            f"concrete themes in controls {e2e['control_documents_with_concrete']}"
        )
    if json_path:
        write_atomic(json_path, json.dumps(report, sort_keys=True, ensure_ascii=False, indent=1) + "\n")
