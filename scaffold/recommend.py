"""Rank frameworks against the answers, with the article's reasons for and against each."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from scaffold.catalog import Catalog, Framework
from scaffold.errors import CatalogError
from scaffold.questionnaire import complete

#: The top two are a close call when the first leads the second by at most this much.
CLOSE_MARGIN = 2


@dataclass(frozen=True)
class Reason:
    """A matched criterion: its text in the article's terms, the quote behind it, its weight."""

    text: str
    quote: str
    weight: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "quote": self.quote, "weight": self.weight}


@dataclass(frozen=True)
class Ranked:
    """One framework's place in a ranking: its score and the criteria that made it."""

    framework: str
    title: str
    score: int
    reasons: tuple[Reason, ...]
    concerns: tuple[Reason, ...]
    has_template: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "title": self.title,
            "score": self.score,
            "has_template": self.has_template,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "concerns": [concern.to_dict() for concern in self.concerns],
        }


@dataclass(frozen=True)
class CloseCall:
    """The top two are within CLOSE_MARGIN; `flips` are the single answers that swap them."""

    first: str
    second: str
    margin: int
    flips: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "second": self.second,
            "margin": self.margin,
            "flips": [{"question": key, "answer": value} for key, value in self.flips],
        }


@dataclass(frozen=True)
class Recommendation:
    """The completed answers, the candidates ranked best first, and a close call if any."""

    answers: Mapping[str, str] = field(hash=False)
    ranking: tuple[Ranked, ...]
    close_call: CloseCall | None = None

    @property
    def top(self) -> Ranked:
        return self.ranking[0]

    @property
    def best_with_template(self) -> Ranked | None:
        """The best ranked framework that has a template, or None."""
        return next((ranked for ranked in self.ranking if ranked.has_template), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": dict(self.answers),
            "ranking": [ranked.to_dict() for ranked in self.ranking],
            "close_call": self.close_call.to_dict() if self.close_call else None,
        }


def recommend(
    answers: Mapping[str, str],
    catalog: Catalog,
    *,
    candidates: Collection[str] | None = None,
    templates: Collection[str] = (),
) -> Recommendation:
    """Score each candidate framework (every one by default) against the answers and rank them.

    A framework's score is the sum of the weights of its criteria the answers match:
    positive matches are its reasons, negative ones its concerns, each listed strongest
    first. Ties are broken by fewer concerns, then more reasons, then the article's order
    (the catalog's), so the ranking depends on nothing but the answers and the candidates.
    Unanswered questions take their neutral default. `templates` names the frameworks
    that have a template. When the top two are within CLOSE_MARGIN, the close call lists
    each single answer that would put the second first. Raises UnknownFrameworkError for a
    candidate the catalog does not know, AnswerError for an unknown question or value.
    """
    completed = complete(answers, catalog)
    names = [f.name for f in catalog.frameworks] if candidates is None else candidates
    chosen = {catalog.framework(name).name for name in names}
    if not chosen:
        raise CatalogError("No framework to recommend: the list of candidates is empty.")
    with_template = {name.lower() for name in templates}
    ranking = tuple(
        replace(ranked, has_template=ranked.framework in with_template)
        for ranked in _ranking(completed, catalog, chosen)
    )
    return Recommendation(
        answers=MappingProxyType(completed),
        ranking=ranking,
        close_call=_close_call(completed, catalog, chosen, ranking),
    )


def _ranking(answers: Mapping[str, str], catalog: Catalog, chosen: set[str]) -> list[Ranked]:
    candidates = [framework for framework in catalog.frameworks if framework.name in chosen]
    return [_rank(framework, answers) for framework in _ordered(candidates, answers)]


def _ordered(candidates: list[Framework], answers: Mapping[str, str]) -> list[Framework]:
    """Sort by score, then fewer concerns, then more reasons, then the article's order."""
    return sorted(candidates, key=lambda framework: _standing(framework, answers))


def _standing(framework: Framework, answers: Mapping[str, str]) -> tuple[int, int, int]:
    """The ranking's sort key but for the article's order: -score, concerns, -reasons."""
    weights = [c.weight for c in framework.criteria if answers[c.question] == c.value]
    return -sum(weights), sum(w < 0 for w in weights), -sum(w > 0 for w in weights)


def _close_call(
    answers: Mapping[str, str], catalog: Catalog, chosen: set[str], ranking: tuple[Ranked, ...]
) -> CloseCall | None:
    """Say which single answers would put the second framework first, when it is close."""
    if len(ranking) < 2 or ranking[0].score - ranking[1].score > CLOSE_MARGIN:
        return None
    first, second = (catalog.framework(ranked.framework) for ranked in ranking[:2])
    candidates = [framework for framework in catalog.frameworks if framework.name in chosen]
    before = {framework.name: _standing(framework, answers) for framework in candidates}
    keys = {framework.name: {c.question for c in framework.criteria} for framework in candidates}
    flips: list[tuple[str, str]] = []
    for question in catalog.questions:
        # Only the frameworks with a criterion on this question can move.
        moving = [f for f in candidates if question.key in keys[f.name]]
        for value in question.choices:
            if value == answers[question.key]:
                continue
            changed = {**answers, question.key: value}
            after = before | {f.name: _standing(f, changed) for f in moving}
            leader = min(candidates, key=lambda f: after[f.name])  # the first of equals
            if leader is second and after[second.name][0] < after[first.name][0]:
                flips.append((question.key, value))
    margin = ranking[0].score - ranking[1].score
    return CloseCall(first.name, second.name, margin, tuple(flips))


def _rank(framework: Framework, answers: Mapping[str, str]) -> Ranked:
    matched = sorted(
        (c for c in framework.criteria if answers[c.question] == c.value),
        key=lambda c: -abs(c.weight),
    )
    reasons = tuple(Reason(c.reason, c.quote, c.weight) for c in matched if c.weight > 0)
    concerns = tuple(Reason(c.reason, c.quote, c.weight) for c in matched if c.weight < 0)
    return Ranked(
        framework=framework.name,
        title=framework.title,
        score=sum(c.weight for c in matched),
        reasons=reasons,
        concerns=concerns,
    )
