"""The result schema: a rendered result validates, reads back equal, bad files are named."""

from __future__ import annotations

import json

import jsonschema
import pytest
from report_fixtures import sample_assessment, to_json_dict

from align.errors import ResultInvalid
from align.report.json_io import assessment_from_dict, dumps
from align.report.schema import load_result, result_schema, schema_text, validate_result


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(result_schema())
    assert json.loads(schema_text()) == result_schema()


def test_sample_result_validates_against_the_schema():
    data = json.loads(dumps(sample_assessment()))
    jsonschema.validate(data, result_schema(), cls=jsonschema.Draft202012Validator)
    validate_result(data)
    assert to_json_dict(sample_assessment()) == data


def test_schema_documents_the_main_fields():
    s = result_schema()
    assert s["required"] == ["schema_version", "document", "frameworks", "run"]
    assert {"path", "sha256", "pages", "language"} <= set(s["$defs"]["document"]["required"])
    assert s["$defs"]["theme"]["properties"]["level"]["enum"] == ["dekket", "nevnt", "mangler", "delegert", "usikker"]
    assert s["$defs"]["score"] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert {"page", "text", "probability", "heading"} <= set(s["$defs"]["evidence"]["required"])


def test_result_reads_back_equal():
    a = sample_assessment()
    assert assessment_from_dict(json.loads(dumps(a))) == a


def test_summary_counts_as_an_object_are_accepted():
    data = json.loads(dumps(sample_assessment()))
    data["summary"]["counts"] = {"mangler": 4, "dekket": 4, "nevnt": 2, "delegert": 1, "usikker": 1}
    validate_result(data)
    assert assessment_from_dict(data).summary == sample_assessment().summary


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d["frameworks"][0]["themes"][1].update(level="ok"), "frameworks[0].themes[1].level"),
        (lambda d: d["frameworks"][1]["themes"][0].update(score=140), "frameworks[1].themes[0].score"),
        (lambda d: d["document"].pop("sha256"), "document"),
        (lambda d: d["frameworks"][0]["themes"][0]["evidence"][0].update(page=0), "evidence[0].page"),
    ],
)
def test_a_bad_result_is_refused_naming_the_place(change, place):
    data = json.loads(dumps(sample_assessment()))
    change(data)
    with pytest.raises(ResultInvalid) as err:
        validate_result(data)
    assert "[A402]" in str(err.value) and place in str(err.value)


def test_a_newer_major_schema_version_is_refused():
    data = json.loads(dumps(sample_assessment()))
    data["schema_version"] = "2.0"
    with pytest.raises(ResultInvalid, match="schema_version 2.0"):
        validate_result(data)
    data["schema_version"] = "1.7"
    validate_result(data)


def test_load_result_names_files_that_are_not_results(tmp_path):
    bad = tmp_path / "x.align.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(ResultInvalid, match="is not JSON"):
        load_result(bad)
    with pytest.raises(ResultInvalid, match="not found"):
        load_result(tmp_path / "missing.json")
    good = tmp_path / "ok.align.json"
    good.write_text(dumps(sample_assessment()), "utf-8")
    assert load_result(good) == sample_assessment()
