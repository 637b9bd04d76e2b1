"""`align batch INPUT --out DIR`: many plans, unattended, resumable, with an overview."""

from __future__ import annotations

import sys

import click

from align.cli.frameworks import framework_option
from align.cli.options import model_options

_WORDS = {
    "nb": ("Ferdig", "vurdert", "hoppet over (allerede gjort)", "feilet", "Oversikt", "Feil", "se",
           "Avbrutt. Ferdige resultater er lagret; kjør samme kommando igjen for å fortsette."),
    "nn": ("Ferdig", "vurderte", "hoppa over (alt gjort)", "feila", "Oversikt", "Feil", "sjå",
           "Avbrote. Ferdige resultat er lagra; køyr same kommando igjen for å halde fram."),
    "en": ("Done", "assessed", "skipped (already done)", "failed", "Overview", "Failed", "see",
           "Interrupted. Finished results are saved; run the same command again to continue."),
}


def _duration(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else (f"{m}m{s:02d}s" if m else f"{seconds:.1f}s")


class _Progress:
    """A tqdm bar on a terminal; plain lines (one per file) when stderr is not a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None
        self.tty = sys.stderr.isatty()

    def __call__(self, p) -> None:  # p: align.batch.BatchProgress
        if self.quiet:
            return
        finished = p.done + p.failed + p.skipped
        rate = p.pages / p.elapsed if p.elapsed > 0 else 0.0
        if p.event == "start":
            click.echo(f"align batch: {p.total} files, {p.skipped} already done, {p.todo} to assess", err=True)
            if self.tty:
                from tqdm import tqdm

                self.bar = tqdm(total=p.total, initial=p.skipped + p.failed, unit="doc", file=sys.stderr,
                                dynamic_ncols=True, smoothing=0.1)
            return
        if p.event == "file":
            if self.bar is not None:
                self.bar.update(1)
                self.bar.set_postfix_str(f"{rate:.1f} pages/s, {p.failed} failed", refresh=False)
                if not p.ok:
                    self.bar.write(f"align: {p.source}: {p.message}", file=sys.stderr)
                return
            computed = p.done + p.failed
            left = max(0, p.todo - computed)
            eta = p.elapsed / computed * left if computed else 0.0
            state = "ok" if p.ok else f"FAILED {p.message}"
            click.echo(
                f"[{finished}/{p.total}] {p.source}: {state} ({rate:.1f} pages/s, ETA {_duration(eta)})", err=True
            )
            return
        if p.event == "finishing":
            if self.bar is not None:
                self.bar.close()
                self.bar = None
            click.echo("align batch: writing reports, tables and overview", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder for all results.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--executor", type=click.Choice(["process", "dask", "serial"]), default="process", show_default=True,
              help="Where the files are assessed: local processes, a Dask cluster, or this process.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Address of a running Dask scheduler (implies --executor dask). Without it, dask starts a local cluster.")
@click.option("--ship-files", is_flag=True, help="With dask: send each file to the workers instead of sharing paths.")
@click.option("--lang", type=click.Choice(["nb", "nn", "en"]), default="nb", show_default=True, help="Language of the reports.")
@click.option("--force", is_flag=True, help="Assess every file again, even those already done.")
@click.option("--scorer", "scorer_path", type=click.Path(dir_okay=False), default=None,
              help="A trained scorer file (default: the one shipped in models/).")
@framework_option
@model_options
@click.pass_context
def batch(
    ctx: click.Context,
    input_path: str,
    out: str,
    workers: int | None,
    executor: str,
    scheduler: str | None,
    ship_files: bool,
    lang: str,
    force: bool,
    scorer_path: str | None,
    framework: tuple[str, ...],
    model: str | None,
    precision: str | None,
    cache_dir: str | None,
) -> None:
    """Check many plans: a folder (searched recursively for .pdf, .txt, .md) or a manifest CSV
    with the columns path,kommune,kommunenummer[,fylke,dokumenttype,år].

    Writes one JSON and HTML report per plan, results.csv, results.parquet, failures.csv
    and index.html (the overview) into --out. Runs again skip what is done. Exit code 0
    when every file was assessed, 1 when any failed (listed in failures.csv).

    Example: align batch planer/ --out resultater/ --workers 4
    """
    from align.batch import check_many
    from align.pipeline import Settings

    if scheduler and executor == "process":
        executor = "dask"
    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    settings = Settings(model=model, precision=precision, cache_dir=cache_dir, frameworks=framework, lang=lang,
                        scorer_path=scorer_path)
    progress = _Progress(quiet)
    w = _WORDS[lang]
    try:
        summary = check_many(
            input_path, out, settings=settings, workers=workers, executor=executor, scheduler=scheduler,
            ship_files=ship_files, force=force, progress=progress,
        )
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"align: {w[7]}", err=True)
        ctx.exit(130)
    finally:
        progress.close()
    if not quiet:
        click.echo(
            f"{w[0]}: {summary.done} {w[1]}, {summary.skipped} {w[2]}, {summary.failed} {w[3]} "
            f"({_duration(summary.seconds)}). {w[4]}: {summary.out}/index.html",
            err=True,
        )
    for f in summary.failures[:20]:
        click.echo(f"align: {f.source}: [{f.code}] {f.message}", err=True)
    if summary.failed > 20:
        click.echo(f"align: … {summary.failed - 20} more ({w[6]} {summary.out}/failures.csv)", err=True)
    ctx.exit(1 if summary.failed else 0)
