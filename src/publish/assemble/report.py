"""Printing a run's report: the lines saying what was (or would be) written, and the Rich summary table."""

from __future__ import annotations

from typing import Any

from . import Report

_WIDE = 200


def print_report(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table

    # A pipe or a test runner has no width; a wide table there beats one wrapped into a column.
    console = Console(width=None if Console().is_terminal else _WIDE, highlight=False)
    data = report.as_dict()
    verb = "would write" if report.dry_run else "wrote"
    for row in data["articles"]:
        console.print(f"{verb} {row['file']}", markup=False)
    added = data["publish_yaml"]["added"]
    if added:
        verb_yaml = "would add" if report.dry_run else "added"
        console.print(f"{verb_yaml} to publish.yaml articles: {', '.join(added)}", markup=False)
        if not data["publish_yaml"]["comments_kept"]:
            console.print("note: publish.yaml was rewritten in full; its comments were not kept.", markup=False)
    table = Table(title="dry run: nothing written" if report.dry_run else None)
    for column in ("File", "Title", "Authors", "Date", "Publication", "Paragraphs", "Warnings"):
        table.add_column(column, justify="right" if column == "Paragraphs" else "left", overflow="fold")
    for row in data["articles"]:
        table.add_row(*_cells(row))
    for skipped in data["skipped"]:
        table.add_row("(skipped)", skipped["title"], "", "", "", "0",
                      f"skipped: {skipped['reason']} ({skipped['source']}:{skipped['line']})")
    console.print(table)


def _cells(row: dict[str, Any]) -> list[str]:
    return [
        row["file"],
        _at(row["title"], row, "title"),
        _at("; ".join(row["authors"]), row, "authors"),
        _at(row["date"] or "", row, "date"),
        _at(row["publication"] or "", row, "publication"),
        str(row["paragraphs"]),
        "\n".join(row["warnings"]),
    ]


def _at(value: str, row: dict[str, Any], name: str) -> str:
    """The value with the source line it came from: 'Jane Doe (l.12)'."""
    line = row.get(f"{name}_line")
    return f"{value} (l.{line})" if value and line else value
