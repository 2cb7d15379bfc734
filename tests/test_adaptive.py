"""Tests for scaffold.adaptive: the most decisive question first, and a stop that is never wrong."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scenarios import ALL, SCENARIOS, Scenario, ask, asked, questions_asked

from scaffold.adaptive import Step, in_order, next_step
from scaffold.catalog import Catalog, load_catalog, load_catalog_from
from scaffold.recommend import recommend

CATALOG = load_catalog()
DETAILED = ("django", "web2py", "flask", "bottle", "cherrypy")


def _catalog(frameworks: dict[str, dict[str, int]], questions: Sequence[str]) -> Catalog:
    """A catalog of yes/no questions and frameworks with one criterion (`yes`) per weight."""
    questions_text = "".join(
        f'[questions.{key}]\nprompt = "{key}?"\nhelp = "{key}."\nkind = "bool"\ndefault = "no"\n'
        for key in questions
    )
    frameworks_text = ""
    for name, weights in frameworks.items():
        frameworks_text += (
            f'[frameworks.{name}]\ntitle = "{name}"\nkind = "micro"\nsummary = "s"\n'
            'description = "d"\nfeatures = ["f"]\npros = []\ncons = []\nwhen_to_use = []\n'
            f"examples = []\n{'' if weights else 'criteria = []'}\n"
        )
        frameworks_text += "".join(
            f'[[frameworks.{name}.criteria]]\nquestion = "{key}"\nvalue = "yes"\n'
            f'weight = {weight}\nreason = "{key}"\nquote = "{key}"\n'
            for key, weight in weights.items()
        )
    return load_catalog_from(frameworks_text, questions_text)


@pytest.fixture
def small() -> Catalog:
    """Four frameworks and three deciding questions, built afresh for each test."""
    return _catalog(
        {"alpha": {"a": 5}, "beta": {"b": 2}, "gamma": {"c": 2}, "delta": {}},
        ["b", "c", "a", "d"],
    )


def test_the_most_decisive_question_comes_first_and_a_clear_answer_ends_it(
    small: Catalog,
) -> None:
    steps, answers = ask({"a": "yes"}, small, races=[["alpha", "beta", "gamma", "delta"]])
    assert asked(steps) == ["a"], "a=yes puts alpha out of reach of b and c together"
    assert recommend(answers, small).top.framework == "alpha"


def test_the_questionnaire_goes_on_while_the_top_is_open(small: Catalog) -> None:
    steps, answers = ask({"c": "yes"}, small, races=[["alpha", "beta", "gamma", "delta"]])
    assert asked(steps) == ["a", "b", "c"], "d changes no score: never asked"
    assert [step.at_most for step in steps] == [3, 2, 1]
    assert recommend(answers, small).top.framework == "gamma"


def test_a_possible_tie_is_not_a_settled_top() -> None:
    tied = _catalog({"alpha": {"a": 2}, "beta": {"b": 2}}, ["a", "b"])
    steps, _ = ask({"a": "yes"}, tied, races=[["alpha", "beta"]])
    assert sorted(asked(steps)) == ["a", "b"], "a=yes alone leaves b=yes to tie"


def test_only_frameworks_in_a_race_count(small: Catalog) -> None:
    steps, _ = ask({"a": "no"}, small, races=[["beta", "delta"]])
    assert asked(steps) == ["b"], "alpha and gamma are out of the race: a and c cannot matter"
    assert next_step({}, small, races=[[]]) == Step(None, 0), "an empty race is ignored"


def test_a_race_of_the_frameworks_with_a_template_asks_nothing_about_the_others() -> None:
    steps, _ = ask({"oop": "yes"}, races=[DETAILED])
    only_for_the_others = {"async", "realtime", "high_traffic", "data_dashboard", "semantic_data",
                           "sharding"}  # fmt: skip
    assert not only_for_the_others & set(asked(steps))
    assert len(steps) < len(CATALOG.questions)


def test_in_order_asks_every_question_in_the_questionnaires_order() -> None:
    answers: dict[str, str] = {"oop": "yes"}
    keys = []
    while (step := in_order(answers, CATALOG)).question is not None:
        assert step.at_most == len(CATALOG.questions) - 1 - len(keys)
        keys.append(step.question.key)
        answers[step.question.key] = step.question.default
    assert keys == [q.key for q in CATALOG.questions if q.key != "oop"]


@pytest.mark.parametrize("scenario", [scenario.param() for scenario in SCENARIOS])
def test_each_scenario_ends_on_its_framework(scenario: Scenario) -> None:
    steps, answers = ask(scenario.answers, races=[ALL, DETAILED])
    assert recommend(answers, CATALOG).top.framework == scenario.top
    assert len(steps) <= len(CATALOG.questions)


def test_typical_answers_ask_fewer_questions_than_there_are() -> None:
    counts = questions_asked([ALL])
    assert sum(counts) / len(counts) < len(CATALOG.questions) - 4, "README: 17.3 of 22"
    assert max(counts) <= len(CATALOG.questions)


answers_strategy = st.fixed_dictionaries(
    {}, optional={question.key: st.sampled_from(question.choices) for question in CATALOG.questions}
)
races_strategy = st.sampled_from([(ALL,), (ALL, DETAILED), (DETAILED,), (("flask", "tornado"),)])


@settings(max_examples=30, deadline=None)
@given(truth=answers_strategy, races=races_strategy, data=st.data())
def test_the_stop_never_changes_the_top(
    truth: dict[str, str], races: tuple[tuple[str, ...], ...], data: st.DataObject
) -> None:
    steps, answers = ask(truth, races=races)
    unasked = [q for q in CATALOG.questions if q.key not in answers]
    other = {q.key: data.draw(st.sampled_from(q.choices), label=q.key) for q in unasked}
    for race in races:
        stopped = recommend(answers, CATALOG, candidates=race).top.framework
        assert recommend(truth, CATALOG, candidates=race).top.framework == stopped
        assert recommend({**answers, **other}, CATALOG, candidates=race).top.framework == stopped
    for place, step in enumerate(steps):
        assert len(steps) - place <= step.at_most, "never more questions than announced"
    for step, following in itertools.pairwise(steps):
        assert following.at_most < step.at_most, "the count of questions left only goes down"


@settings(max_examples=20, deadline=None)
@given(truth=answers_strategy, data=st.data())
def test_given_answers_are_never_asked_and_their_order_does_not_matter(
    truth: dict[str, str], data: st.DataObject
) -> None:
    preset = data.draw(st.dictionaries(st.sampled_from(sorted(truth) or ["size"]), st.just("")))
    preset = {key: truth.get(key, CATALOG.question(key).default) for key in preset}
    steps, _ = ask(truth, preset=preset)
    assert not set(asked(steps)) & set(preset)
    shuffled = dict(data.draw(st.permutations(list(preset.items()))))
    assert next_step(shuffled, CATALOG, races=[ALL]) == next_step(preset, CATALOG, races=[ALL])
    again, _ = ask(truth, preset=shuffled)
    assert asked(again) == asked(steps), "the same answers ask the same questions"


def test_an_answer_that_can_only_widen_the_leaders_lead_is_not_asked() -> None:
    """b=yes gives alpha 10 and beta 1: it can never bring beta level, so a=yes settles it."""
    lopsided = _catalog({"alpha": {"a": 5, "b": 10}, "beta": {"b": 1}}, ["a", "b"])
    assert next_step({"a": "yes"}, lopsided, races=[["alpha", "beta"]]) == Step(None, 0)
    assert next_step({"a": "no"}, lopsided, races=[["alpha", "beta"]]).question is not None


def test_an_empty_race_beside_an_open_one_changes_nothing(small: Catalog) -> None:
    everyone = ["alpha", "beta", "gamma", "delta"]
    alone = next_step({}, small, races=[everyone])
    assert alone.question is not None
    assert next_step({}, small, races=[[], everyone]) == alone
    assert next_step({}, small, races=[everyone, []]) == alone


def test_two_rivals_that_can_only_tie_leave_as_much_room_as_one_that_can_win_by_one() -> None:
    """A rival's room is its best margin plus one, a tie counting as one.

    a=yes leaves gamma a margin of 1 over alpha (room 2); b=no leaves beta and gamma a tie
    each at best (room 1 + 1). Level on that, b comes first: its default answer, no,
    leaves the rivals less room (2) than a's (beta and gamma 2 each: room 6).
    """
    three = _catalog(
        {"alpha": {"a": 3, "b": -1}, "beta": {"b": 1}, "gamma": {"a": 2, "b": 1}}, ["a", "b"]
    )
    step = next_step({}, three, races=[["alpha", "beta", "gamma"]])
    assert step.question is not None and step.question.key == "b"
    assert step.at_most == 2


def test_each_catalog_gets_its_own_table_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is built on a catalog's first question and reused for the next ones."""
    from scaffold import adaptive

    built: list[Catalog] = []
    build = adaptive._build

    def counted(catalog: Catalog) -> object:
        built.append(catalog)
        return build(catalog)

    monkeypatch.setattr(adaptive, "_build", counted)
    first = _catalog({"alpha": {"a": 2}, "beta": {"b": 1}}, ["a", "b"])
    second = _catalog({"alpha": {"b": 2}, "beta": {"a": 1}}, ["a", "b"])
    race = [["alpha", "beta"]]
    for answers in ({}, {"a": "no"}, {"a": "no", "b": "yes"}):
        next_step(answers, first, races=race)
    assert built == [first]
    assert next_step({"b": "yes"}, second, races=race) == Step(None, 0), "alpha's +2 on b"
    assert next_step({"b": "yes"}, first, races=race).question is not None, "a=yes: 2-1 or 0-1"
    assert [id(catalog) for catalog in built] == [id(first), id(second)]
