"""The afwegingskader as data: variants per professional group, extra questions, reporting."""

from schakel.intake.constants import MELDCODE_PATH
from schakel.intake.domain.meldcode import load_meldcode, questions_requiring_report


def test_every_group_has_the_five_decisions_and_question_2_requires_reporting():
    meldcode = load_meldcode(MELDCODE_PATH.read_text(encoding="utf-8"))
    assert len(meldcode.steps) == 5
    for framework in meldcode.frameworks.values():
        assert [q.number for q in framework.questions] == [1, 2, 3, 4, 5]
        second = framework.questions[1].code
        assert [q.code for q in questions_requiring_report(framework, {second: "yes"})] == [second]


def test_health_care_gets_its_extra_question_in_place():
    meldcode = load_meldcode(MELDCODE_PATH.read_text(encoding="utf-8"))
    framework = meldcode.framework_for("gezondheidszorg")
    codes = [q.code for q in framework.all_questions()]
    assert "beroepsgeheim" in codes
    assert codes.index("beroepsgeheim") == 1  # right after question 1
    assert meldcode.framework_for("onbekende-soort").code == "default"
    assert "beroepsgeheim" not in [
        q.code for q in meldcode.framework_for("onderwijs").all_questions()
    ]
