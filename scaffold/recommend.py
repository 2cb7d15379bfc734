"""Rank frameworks against the answers, with the article's reasons for and against each."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from scaffold.catalog import Catalog, Framework
from scaffold.errors import CatalogError
from scaffold.questionnaire import complete


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "title": self.title,
            "score": self.score,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "concerns": [concern.to_dict() for concern in self.concerns],
        }


@dataclass(frozen=True)
class Recommendation:
    """The completed answers and the candidates ranked best first."""

    answers: Mapping[str, str] = field(hash=False)
    ranking: tuple[Ranked, ...]

    @property
    def top(self) -> Ranked:
        return self.ranking[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": dict(self.answers),
            "ranking": [ranked.to_dict() for ranked in self.ranking],
        }


def recommend(
    answers: Mapping[str, str], catalog: Catalog, *, candidates: Collection[str]
) -> Recommendation:
    """Score each candidate framework against the answers and rank them.

    A framework's score is the sum of the weights of its criteria the answers match:
    positive matches are its reasons, negative ones its concerns, each listed strongest
    first. Ties are broken by fewer concerns, then more reasons, then the article's order
    (the catalog's), so the ranking depends on nothing but the answers and the candidates.
    Unanswered questions take their neutral default. Raises UnknownFrameworkError for a
    candidate the catalog does not know, AnswerError for an unknown question or value.
    """
    completed = complete(answers, catalog)
    chosen = {catalog.framework(name).name for name in candidates}
    if not chosen:
        raise CatalogError("No framework to recommend: the list of candidates is empty.")
    order = {framework.name: index for index, framework in enumerate(catalog.frameworks)}
    ranked = (_rank(framework, completed) for framework in catalog.frameworks)
    ranking = sorted(
        (r for r in ranked if r.framework in chosen),
        key=lambda r: (-r.score, len(r.concerns), -len(r.reasons), order[r.framework]),
    )
    return Recommendation(answers=MappingProxyType(completed), ranking=tuple(ranking))


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
