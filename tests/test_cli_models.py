"""CLI tests for `align models list|prepare|info` (in-process, with CliRunner)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from align.cli import cli  # noqa: E402
from test_embed import shared_model_cache  # noqa: E402


@pytest.fixture(scope="module")
def built() -> str:
    return str(shared_model_cache())


def test_models_list_on_an_empty_cache(tmp_path):
    result = CliRunner().invoke(cli, ["models", "list", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"cache folder: {tmp_path.resolve()}" in result.output
    assert "no models yet (run `align models prepare`)" in result.output
    assert "embedding cache: 0 vectors" in result.output


def test_models_help_has_examples():
    for sub in ("list", "prepare", "info"):
        result = CliRunner().invoke(cli, ["models", sub, "--help"])
        assert result.exit_code == 0 and "Example: align models" in result.output


def test_unknown_model_exits_1_with_a302(tmp_path):
    result = CliRunner().invoke(cli, ["models", "info", "--model", "no-such-org/nothing-xyz",
                                      "--cache-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith(
        "align: [A302] Could not load embedding model 'no-such-org/nothing-xyz' offline: ")
    assert result.output.strip().endswith(
        "Use a local path or run `align models prepare --model no-such-org/nothing-xyz` with network.")


def test_bad_precision_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["models", "info", "--precision", "int4"])
    assert result.exit_code == 2 and "int4" in result.output


@pytest.mark.slow
def test_models_list_shows_the_prepared_model(built):
    result = CliRunner().invoke(cli, ["models", "list", "--cache-dir", built, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (model,) = data["models"]
    assert model["model_id"] == "intfloat/multilingual-e5-small"
    assert model["status"] == "ok" and model["int8"] is True


@pytest.mark.slow
def test_models_prepare_when_already_prepared(built):
    result = CliRunner().invoke(cli, ["models", "prepare", "--cache-dir", built])
    assert result.exit_code == 0, result.output
    assert "nothing to do: already prepared; checksums verified" in result.output
    assert "ready: intfloat/multilingual-e5-small (int8)" in result.output


@pytest.mark.slow
def test_models_info_prints_the_details(built):
    result = CliRunner().invoke(cli, ["models", "info", "--cache-dir", built, "--precision", "int8"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split(": ", 1) for line in result.output.splitlines())
    assert lines["model_id"] == "intfloat/multilingual-e5-small"
    assert lines["dimension"] == "384" and lines["device"] == "cpu" and lines["precision"] == "int8"
    assert len(lines["checksum"]) == 64 and lines["onnx_path"].endswith("onnx/model_int8.onnx")
    assert "int8 weights per output channel" in lines["quantisation"]
