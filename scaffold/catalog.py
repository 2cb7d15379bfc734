"""Load and strictly validate the framework knowledge in scaffold/data/."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

from scaffold.errors import (
    AnswerError,
    CatalogError,
    UnknownFrameworkError,
    did_you_mean,
    one_of,
    shown,
)

FRAMEWORKS_FILE = "frameworks.toml"
QUESTIONS_FILE = "questions.toml"
FILES = (FRAMEWORKS_FILE, QUESTIONS_FILE)
KINDS = ("full-stack", "micro")
QUESTION_KINDS = ("bool", "choice")
BOOL_CHOICES = ("yes", "no")


@dataclass(frozen=True)
class Point:
    """A pro or a con of a framework: a short title and the article's text."""

    title: str
    text: str


@dataclass(frozen=True)
class Criterion:
    """An answer that counts for (positive weight) or against (negative) a framework."""

    question: str
    value: str
    weight: int
    reason: str
    quote: str


@dataclass(frozen=True)
class Framework:
    """The article's profile of one framework and the criteria derived from it."""

    name: str
    title: str
    kind: str
    summary: str
    description: str
    features: tuple[str, ...]
    pros: tuple[Point, ...]
    cons: tuple[Point, ...]
    when_to_use: tuple[str, ...]
    examples: tuple[str, ...]
    criteria: tuple[Criterion, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the profile as JSON-ready data (tuples become lists)."""
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire; bool questions have the choices yes and no."""

    key: str
    prompt: str
    help: str
    kind: str
    choices: tuple[str, ...]
    default: str
    implies: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )


@dataclass(frozen=True)
class Catalog:
    """Every framework of the article, in its order, and the questionnaire."""

    frameworks: tuple[Framework, ...]
    questions: tuple[Question, ...]

    def framework(self, name: str) -> Framework:
        """Return the framework called `name` (any case) or raise UnknownFrameworkError."""
        for framework in self.frameworks:
            if framework.name == name.lower():
                return framework
        names = [framework.name for framework in self.frameworks]
        raise UnknownFrameworkError(
            f'Unknown framework "{name}". Known: {", ".join(names)}.{did_you_mean(name, names)}'
        )

    def question(self, key: str) -> Question:
        """Return the question answered by `key` (any case) or raise AnswerError."""
        for question in self.questions:
            if question.key == key.lower():
                return question
        keys = [question.key for question in self.questions]
        raise AnswerError(
            f'Unknown question "{shown(key)}". Known: {", ".join(keys)}.{did_you_mean(key, keys)}'
        )


@functools.cache
def load_catalog() -> Catalog:
    """Load the catalog shipped in scaffold/data/ (once per process)."""
    return load_catalog_in(Path(__file__).with_name("data"))


def load_catalog_in(data: Path) -> Catalog:
    """Load the data files in folder ``data``; their TOML is parsed once per change (cached)."""
    from scaffold.cache import derived

    sources = [(data / FRAMEWORKS_FILE).read_bytes(), (data / QUESTIONS_FILE).read_bytes()]
    frameworks, questions = derived(
        "catalog",
        sources,
        lambda: [_parse(name, raw.decode()) for name, raw in zip(FILES, sources, strict=True)],
    )
    return catalog_from(frameworks, questions)


def load_catalog_from(frameworks_text: str, questions_text: str) -> Catalog:
    """Build a catalog from the text of the two data files; raise CatalogError if invalid."""
    questions = _parse(QUESTIONS_FILE, questions_text)
    return catalog_from(_parse(FRAMEWORKS_FILE, frameworks_text), questions)


def catalog_from(frameworks_data: Any, questions_data: Any) -> Catalog:
    """Build a catalog from the two data files, parsed; raise CatalogError if invalid."""
    questions = tuple(
        _question(node) for node in _sections(QUESTIONS_FILE, questions_data, "questions")
    )
    by_key = {question.key: question for question in questions}
    frameworks = tuple(
        _framework(node, by_key)
        for node in _sections(FRAMEWORKS_FILE, frameworks_data, "frameworks")
    )
    _check_defaults_neutral(questions, frameworks)
    return Catalog(frameworks=frameworks, questions=questions)


def _parse(file: str, text: str) -> Any:
    """Parse a data file's TOML; raise CatalogError when it is not TOML."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{file}: invalid TOML: {error}") from None


def _sections(file: str, data: Any, key: str) -> list[_Node]:
    """Return the named tables of a data file whose only top-level key is `key`."""
    document = _Node(file, "", data)
    document.table(required=(key,))
    return document.child(key).sections()


@dataclass(frozen=True)
class _Node:
    """A value read from a data file, with the key path that error messages name."""

    file: str
    path: str
    value: Any

    def fail(self, problem: str) -> NoReturn:
        raise CatalogError(f"{self.file}: {self.path or 'top level'}: {problem}")

    def child(self, key: str) -> _Node:
        return _Node(self.file, f"{self.path}.{key}" if self.path else key, self.value[key])

    def mapping(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            self.fail(f"expected a table, got {_type_name(self.value)}")
        return self.value

    def table(self, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> None:
        """Check that this is a table with every required key and no unknown one."""
        allowed = (*required, *optional)
        for key in self.mapping():
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.fail(f"unknown key '{key}'" + (f".{hint}" if hint else ""))
        for key in required:
            if key not in self.value:
                self.fail(f"missing key '{key}'")

    def sections(self) -> list[_Node]:
        """Return the named sub-tables of this table, checking their names."""
        if not self.mapping():
            self.fail("expected a table of tables, got an empty table")
        for key in self.value:
            if key != key.lower():
                self.fail(f"name '{key}' must be lower case")
            if "." in key:  # a quoted [frameworks."a.b"] would be read as "b"
                self.fail(f"name '{key}' must not contain a dot")
        return [self.child(key) for key in self.value]

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail(f"expected a non-empty string, got {_type_name(self.value)}")
        return self.value

    def integer(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"expected a non-zero integer, got {_type_name(self.value)}")
        if self.value == 0:
            self.fail("expected a non-zero integer, got 0")
        return self.value

    def items(self) -> list[_Node]:
        if not isinstance(self.value, list):
            self.fail(f"expected an array, got {_type_name(self.value)}")
        return [_Node(self.file, f"{self.path}[{i}]", item) for i, item in enumerate(self.value)]

    def texts(self) -> tuple[str, ...]:
        return tuple(item.text() for item in self.items())

    def one_of(self, choices: tuple[str, ...]) -> str:
        value = self.text()
        if value not in choices:
            self.fail(f"'{value}' is not {one_of(choices)}")
        return value


def _type_name(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a float"}
    names |= {list: "an array", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _question(node: _Node) -> Question:
    node.table(required=("prompt", "help", "kind", "default"), optional=("choices", "implies"))
    key = node.path.rpartition(".")[2]
    kind = node.child("kind").one_of(QUESTION_KINDS)
    if kind == "choice":
        if "choices" not in node.value:
            node.fail("missing key 'choices' (a choice question needs them)")
        choices_node = node.child("choices")
        choices = choices_node.texts()
        if len(choices) < 2 or len(set(choices)) != len(choices):
            choices_node.fail("expected at least two distinct choices")
        if any(choice != choice.lower() for choice in choices):
            choices_node.fail("choices must be lower case")
    else:
        if "choices" in node.value:
            node.fail("unknown key 'choices' (a bool question has the choices yes and no)")
        choices = BOOL_CHOICES
    implies: dict[str, Mapping[str, str]] = {}
    if "implies" in node.value:
        implies_node = node.child("implies")
        implies_node.table(optional=choices)
        for value in implies_node.value:
            options = implies_node.child(value)
            implies[value] = MappingProxyType(
                {option: options.child(option).text() for option in options.mapping()}
            )
    return Question(
        key=key,
        prompt=node.child("prompt").text(),
        help=node.child("help").text(),
        kind=kind,
        choices=choices,
        default=node.child("default").one_of(choices),
        implies=MappingProxyType(implies),
    )


def _framework(node: _Node, questions: Mapping[str, Question]) -> Framework:
    node.table(
        required=(
            "title", "kind", "summary", "description", "features", "pros", "cons",
            "when_to_use", "examples", "criteria",
        )
    )  # fmt: skip
    return Framework(
        name=node.path.rpartition(".")[2],
        title=node.child("title").text(),
        kind=node.child("kind").one_of(KINDS),
        summary=node.child("summary").text(),
        description=node.child("description").text(),
        features=node.child("features").texts(),
        pros=tuple(_point(item) for item in node.child("pros").items()),
        cons=tuple(_point(item) for item in node.child("cons").items()),
        when_to_use=node.child("when_to_use").texts(),
        examples=node.child("examples").texts(),
        criteria=_criteria(node.child("criteria"), questions),
    )


def _point(node: _Node) -> Point:
    node.table(required=("title", "text"))
    return Point(title=node.child("title").text(), text=node.child("text").text())


def _criteria(node: _Node, questions: Mapping[str, Question]) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    seen: set[tuple[str, str]] = set()
    for item in node.items():
        item.table(required=("question", "value", "weight", "reason", "quote"))
        question = questions[item.child("question").one_of(tuple(questions))]
        value = item.child("value").one_of(question.choices)
        if (question.key, value) in seen:
            item.fail(f"a second criterion for {question.key} = '{value}'")
        seen.add((question.key, value))
        criteria.append(
            Criterion(
                question=question.key,
                value=value,
                weight=item.child("weight").integer(),
                reason=item.child("reason").text(),
                quote=item.child("quote").text(),
            )
        )
    return tuple(criteria)


def _check_defaults_neutral(
    questions: tuple[Question, ...], frameworks: tuple[Framework, ...]
) -> None:
    """An empty questionnaire must give every framework the same score."""
    for question in questions:
        for framework in frameworks:
            for criterion in framework.criteria:
                if (criterion.question, criterion.value) == (question.key, question.default):
                    raise CatalogError(
                        f"{QUESTIONS_FILE}: questions.{question.key}.default: '{question.default}'"
                        f" matches a criterion of {framework.name}; a default must be neutral"
                    )
