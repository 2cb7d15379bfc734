"""Every text the catalog attributes to the article appears in it, word for word."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scaffold.catalog import load_catalog

#: The article beside the repository; SCAFFOLD_ARTICLE points elsewhere (from a git worktree).
ARTICLE = Path(
    os.environ.get("SCAFFOLD_ARTICLE")
    or Path(__file__).resolve().parents[1].parent / "shared" / "seed-article.txt"
)


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _verbatim() -> list[pytest.ParameterSet]:
    """Texts copied from the article: descriptions, when-to-use, pro/con texts and quotes."""
    params = []
    for framework in load_catalog().frameworks:
        name = framework.name
        texts = {f"{name}.description": framework.description}
        texts |= {f"{name}.when_to_use[{i}]": text for i, text in enumerate(framework.when_to_use)}
        texts |= {f"{name}.pros[{i}]": point.text for i, point in enumerate(framework.pros)}
        texts |= {f"{name}.cons[{i}]": point.text for i, point in enumerate(framework.cons)}
        texts |= {f"{name}.criteria[{i}]": c.quote for i, c in enumerate(framework.criteria)}
        params += [pytest.param(text, id=where) for where, text in texts.items()]
    return params


def _labels() -> list[pytest.ParameterSet]:
    """Labels from the article whose capitalisation may differ: features and examples."""
    return [
        pytest.param(label, id=f"{framework.name}.{field}[{i}]")
        for framework in load_catalog().frameworks
        for field in ("features", "examples")
        for i, label in enumerate(getattr(framework, field))
    ]


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(
            f"the article ({ARTICLE}) is not beside this clone: only the checks that the "
            "catalog quotes it word for word are skipped"
        )
    return _normalize(ARTICLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", _verbatim())
def test_text_is_quoted_verbatim(article: str, text: str) -> None:
    assert _normalize(text) in article


@pytest.mark.parametrize("label", _labels())
def test_label_comes_from_the_article(article: str, label: str) -> None:
    assert _normalize(label).lower() in article.lower()
