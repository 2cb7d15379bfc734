"""Pick the most decisive question next; stop once no answer left can change the top."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from scaffold.catalog import Catalog, Question
from scaffold.questionnaire import complete


@dataclass(frozen=True)
class Step:
    """The question to ask next (None once the answers settle the top) and how many may follow.

    `at_most` counts the questions that may still be asked, this one included.
    """

    question: Question | None
    at_most: int


def in_order(answers: Mapping[str, str], catalog: Catalog) -> Step:
    """Return the first unanswered question in the questionnaire's order (ask them all)."""
    given = {catalog.question(key).key for key in answers}
    pending = [question for question in catalog.questions if question.key not in given]
    return Step(pending[0] if pending else None, len(pending))


def next_step(
    answers: Mapping[str, str], catalog: Catalog, *, races: Sequence[Collection[str]]
) -> Step:
    """Return the most decisive unanswered question, or None once every race is settled.

    A race is a set of framework names whose top must be settled: every framework, or
    those that have a template; an empty race is ignored. Scores are sums of weights, so
    the most one framework can gain on another is the sum, over the unanswered questions,
    of the largest difference one answer makes between the two: an exact bound. A
    framework that another one beats even then can never come first; a race is settled
    when one framework alone is left that can (a possible tie keeps it open). Only
    questions on which two frameworks that can still come first differ are asked
    (`at_most` counts them, an upper bound that never grows). The most decisive comes
    first: the one an answer to which leaves the rivals the least room to overtake, then
    the one whose default answer (the usual one) leaves the least, then the
    questionnaire's order; so the same answers always ask the same questions.
    """
    table = _table(catalog)
    given = {catalog.question(key).key for key in answers}
    remaining = [q for q, question in enumerate(catalog.questions) if question.key not in given]
    scores = table.scores(complete(answers, catalog))
    races_left = []
    for race in races:
        members = sorted({table.index[catalog.framework(name).name] for name in race})
        state = _Race(table, members, remaining)
        if len(state.contenders(scores)) > 1:
            races_left.append(state)
    live = sorted({q for race in races_left for q in race.live(scores)})
    if not live:
        return Step(None, 0)
    best = min(live, key=lambda q: table.decisiveness(q, races_left, scores))
    return Step(catalog.questions[best], len(live))


@dataclass(frozen=True)
class _Table:
    """The catalog's criteria as numbers, by question, answer and framework."""

    index: Mapping[str, int]
    choices: tuple[Mapping[str, int], ...]
    #: weight[q][a][f]: what answer a to question q adds to framework f's score.
    weight: tuple[tuple[tuple[int, ...], ...], ...]
    #: gain[q][f][r]: the most one answer to q can gain rival r on framework f.
    gain: tuple[tuple[tuple[int, ...], ...], ...]
    #: defaults[q]: the index of question q's default answer.
    defaults: tuple[int, ...]

    def decisiveness(
        self, question: int, races: list[_Race], scores: list[int]
    ) -> tuple[int, int, int]:
        """Sort key, most decisive first: the rivals' room after its best answer, its default.

        The room of a race is the sum over its rivals that may still come first of their
        best margin over the leader, plus one (a tie counts).
        """
        room = [
            sum(
                margin + 1
                for race in races
                for margin in race.margins(
                    [s + d for s, d in zip(scores, answer, strict=True)], without=question
                ).values()
                if margin >= 0
            )
            for answer in self.weight[question]
        ]
        return min(room), room[self.defaults[question]], question

    def scores(self, answers: Mapping[str, str]) -> list[int]:
        """Every framework's score for complete answers."""
        picked = [
            self.weight[q][self.choices[q][value]] for q, value in enumerate(answers.values())
        ]
        return [sum(column) for column in zip(*picked, strict=True)]


class _Race:
    """The frameworks of one race, the unasked questions, and what they leave each rival."""

    def __init__(self, table: _Table, members: list[int], remaining: list[int]) -> None:
        self.table = table
        self.members = members
        self.remaining = remaining
        self._room: dict[int, dict[int, int]] = {}

    def room(self, leader: int) -> dict[int, int]:
        """The most the unasked questions can gain each rival on `leader` (computed once)."""
        if leader not in self._room:
            columns = [self.table.gain[q][leader] for q in self.remaining]
            self._room[leader] = {
                rival: sum(column[rival] for column in columns)
                for rival in self.members
                if rival != leader
            }
        return self._room[leader]

    def leader(self, scores: list[int]) -> int:
        """The member first on these scores (ties: the catalog's order)."""
        return max(self.members, key=scores.__getitem__)  # the first of equals

    def margins(self, scores: list[int], *, without: int) -> dict[int, int]:
        """Each rival's best possible margin over the leader once question `without` is answered.

        `scores` include that answer; >= 0: the rival may still come first.
        """
        leader = self.leader(scores)
        gain = self.table.gain[without][leader]
        return {
            rival: scores[rival] - scores[leader] + room - gain[rival]
            for rival, room in self.room(leader).items()
        }

    def contenders(self, scores: list[int]) -> list[int]:
        """The members that may still come first: those no other member beats in every case.

        A member beaten by another however the unasked questions are answered never comes
        first, and stays beaten as questions are answered. The leader is never beaten so.
        """
        return [
            member
            for member in self.members
            if all(
                scores[member] - scores[other] + self.room(other)[member] >= 0
                for other in self.members
                if other != member
            )
        ]

    def live(self, scores: list[int]) -> list[int]:
        """The unasked questions some answer of which changes the order of two contenders."""
        contenders = self.contenders(scores)
        gain = self.table.gain
        return [
            q
            for q in self.remaining
            if any(gain[q][leader][rival] > 0 for leader in contenders for rival in contenders)
        ]


_TABLES: dict[int, tuple[Catalog, _Table]] = {}


def _table(catalog: Catalog) -> _Table:
    """Return the catalog's table, built once per catalog."""
    cached = _TABLES.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = _TABLES[id(catalog)] = (catalog, _build(catalog))
    return cached[1]


def _build(catalog: Catalog) -> _Table:
    """Tabulate the catalog's criteria and, for every pair, the most one answer gains."""
    weight = tuple(
        tuple(
            tuple(
                sum(c.weight for c in f.criteria if (c.question, c.value) == (question.key, value))
                for f in catalog.frameworks
            )
            for value in question.choices
        )
        for question in catalog.questions
    )
    frameworks = range(len(catalog.frameworks))
    gain = tuple(
        tuple(tuple(max(row[r] - row[f] for row in rows) for r in frameworks) for f in frameworks)
        for rows in weight
    )
    return _Table(
        index={framework.name: f for f, framework in enumerate(catalog.frameworks)},
        choices=tuple({value: a for a, value in enumerate(q.choices)} for q in catalog.questions),
        weight=weight,
        gain=gain,
        defaults=tuple(q.choices.index(q.default) for q in catalog.questions),
    )
