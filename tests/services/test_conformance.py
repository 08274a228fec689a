"""The law-conformance report: features exist, tests come from the markers, PDF embeds its font."""

from __future__ import annotations

import importlib
import textwrap
from dataclasses import replace

import pytest

from pdftools import assert_cjk_font_embedded, pdf_text
from desktop.services import conformance
from desktop.services.cases.common import ACTION_ARTICLES
from desktop.services.printing.conformance_pdf import render_conformance


@pytest.mark.parametrize("article", sorted(conformance.FEATURES))
def test_every_listed_feature_exists(article):
    for feature in conformance.FEATURES[article]:
        module, name = feature.split(":")
        assert callable(getattr(importlib.import_module(f"desktop.services.{module}"), name)), feature


@pytest.mark.law("Art. 18")
@pytest.mark.parametrize("step, feature", [
    ("sign", "cases.department:sign_for"), ("object", "cases.department:raise_objection"),
    ("stage_report", "cases.department:stage_report"), ("contact", "cases.department:contact_requester"),
    ("request_extension", "cases.department:request_extension"), ("hold", "cases.hold:put_on_hold")])
def test_a_departments_step_is_listed_under_the_article_its_refusals_cite(step, feature):
    """Signing for a case is taking it on as its first receiver (首接, Art. 18(1)), as a refusal to sign says:
    the report had listed it under Art. 19, as the desk's notes on departments nobody signs for had cited it."""
    assert feature in conformance.FEATURES[int(ACTION_ARTICLES[step].removeprefix("Art. "))]


def test_tests_are_read_from_markers(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "test_x.py").write_text(textwrap.dedent('''
        import pytest
        pytestmark = [pytest.mark.law("Art. 7")]

        @pytest.mark.law("Art. 13(3)")
        def test_refusal(): pass

        def test_plain(): pass

        @pytest.mark.law("Art. 21")
        class TestLadder:
            @pytest.mark.law("Art. 15")
            def test_ack(self): pass

        def helper(): pass
    '''), encoding="utf-8")
    found = conformance.marked_tests(tmp_path)
    assert {a: [t.name for t in refs] for a, refs in found.items()} == {
        7: ["test_refusal", "test_plain", "TestLadder::test_ack"], 13: ["test_refusal"],
        21: ["TestLadder::test_ack"], 15: ["TestLadder::test_ack"]}
    assert found[13][0].path == "sub/test_x.py"


def test_report_covers_articles_2_to_23_and_finds_this_suite():
    report = conformance.report()
    assert [row.number for row in report.rows] == list(range(2, 24))
    names = {t.name for row in report.rows for t in row.tests}
    assert "test_township_scores_match_hand_count" in names  # marked Art. 23 in test_evaluation.py
    assert report.tests_dir is not None


def test_pdf_lists_articles_with_embedded_font(tmp_path):
    target = tmp_path / "conformance.pdf"
    render_conformance(conformance.report(), target)
    text = pdf_text(target)
    assert "条款对照表" in text and "第23条" in text and "test_township_scores_match_hand_count" in text
    assert "tests/ 目录" in text and str(conformance.default_tests_dir()) not in text  # no machine's path on paper
    assert_cjk_font_embedded(target)


def test_an_installed_copy_says_its_tests_are_not_there_instead_of_counting_none(tmp_path, monkeypatch):
    site_packages = tmp_path / "site-packages"
    (site_packages / "tests").mkdir(parents=True)  # another project's, installed carelessly
    monkeypatch.setattr(conformance, "__file__", str(site_packages / "desktop" / "services" / "conformance.py"))
    assert conformance.default_tests_dir() is None
    report = conformance.report()
    assert not report.tests_counted and all(row.tests == () for row in report.rows)
    target = tmp_path / "conformance.pdf"
    render_conformance(report, target)
    text = " ".join(pdf_text(target).split())
    assert f"共 22 条。{conformance.TESTS_NOT_INSTALLED}。" in text
    assert "暂无测试" not in text and "有测试检验" not in text


def test_an_article_with_more_tests_than_a_page_holds_goes_on_in_continuation_rows(tmp_path):
    report = conformance.report()
    many = tuple(conformance.TestRef(f"services/test_{n:03d}_{'x' * 40}.py", f"test_{'refusal_' * 8}{n}")
                 for n in range(80))
    crowded = replace(report, rows=(replace(report.rows[13], tests=many), *report.rows[14:]))
    target = tmp_path / "crowded.pdf"
    render_conformance(crowded, target)
    text = " ".join(pdf_text(target).split())
    assert "第15条(续)" in text and "refusal_79" in text.replace(" ", "")
