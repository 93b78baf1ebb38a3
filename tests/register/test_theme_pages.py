"""page_themes: a dossier's themes cut into pages of measures and commitments (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest

from beleidsmonitor.register.overview import StatusCounts, ThemeOverview, TopicOverview, page_themes


def _topic(name: str, measures: int, commitments: int) -> TopicOverview:
    # page_themes only counts and slices the items, so labelled strings stand in for the records
    items: Any = tuple(f"{name}-c{i}" for i in range(commitments))
    kept: Any = tuple(f"{name}-m{i}" for i in range(measures))
    return TopicOverview(name, kept, items, StatusCounts(open=commitments))


THEMES = (
    ThemeOverview("A", (_topic("a1", 2, 3), _topic("a2", 0, 4)), StatusCounts(open=7)),
    ThemeOverview("B", (_topic("b1", 1, 1),), StatusCounts(open=1)),
    ThemeOverview("C", (_topic("c1", 0, 5),), StatusCounts(open=5)),
)


def _items(page: Any) -> list[str]:
    return [x for t in page.themes for p in t.topics for x in (*p.measures, *p.commitments)]


def test_pages_visit_every_item_once_in_order() -> None:
    seen: list[str] = []
    after = 0
    while True:
        page = page_themes(THEMES, after, 4)
        assert page.total == 16
        assert page.start == after
        assert len(_items(page)) == page.end - page.start <= 4
        seen += _items(page)
        if not page.next_after:
            break
        after = int(page.next_after)
    assert seen == [
        *("a1-m0", "a1-m1", "a1-c0", "a1-c1", "a1-c2"),
        *("a2-c0", "a2-c1", "a2-c2", "a2-c3"),
        *("b1-m0", "b1-c0"),
        *("c1-c0", "c1-c1", "c1-c2", "c1-c3", "c1-c4"),
    ]


def test_a_theme_cut_by_the_page_keeps_its_counts_and_position() -> None:
    page = page_themes(THEMES, 8, 4)
    assert [t.theme for t in page.themes] == ["A", "B", "C"]
    assert page.first_theme == 0
    assert page.themes[0].counts.total == 7
    assert _items(page) == ["a2-c3", "b1-m0", "b1-c0", "c1-c0"]
    assert page.theme_starts == (0, 9, 11)
    assert page.previous_after == "4"
    assert page.next_after == "12"
    later = page_themes(THEMES, 12, 4)
    assert later.first_theme == 2 and later.next_after == "" and later.end == 16


def test_a_page_past_the_end_is_empty_and_a_negative_one_an_error() -> None:
    page = page_themes(THEMES, 40, 4)
    assert page.themes == () and page.start == page.end == 16 and page.next_after == ""
    with pytest.raises(ValueError, match="after -1"):
        page_themes(THEMES, -1, 4)
