"""Tables read as sentences, row by row, with their column names.

With a header: the first cell names the row, the others follow as "Column: value":
    ["DeepSeek R1", "$0.55", "$2.19"] under ["Modell", "Input-Kosten (pro Million Token)", ...]
    -> "DeepSeek R1: Input-Kosten pro Million Token: $0.55, Output-Kosten pro Million Token: $2.19."
Without a header the cells are joined with commas. Empty cells are left out.
"""

from __future__ import annotations

import re

_BRACKETS = re.compile(r"[()\[\]]")


def column_name(name: str) -> str:
    """A column name as it is read: brackets dropped, spaces tidied."""
    return " ".join(_BRACKETS.sub(" ", name).split())


def _sentence(parts: list[str]) -> str:
    text = ", ".join(parts)
    return text if not text or text[-1] in ".!?" else text + "."


def row_sentence(header: list[str], row: list[str]) -> str:
    """One table row as a sentence ("" if the row is empty)."""
    cells = [cell.strip() for cell in row]
    if not header:
        return _sentence([cell for cell in cells if cell])
    columns = [column_name(name) for name in header[1:]]
    columns += [""] * (len(cells) - 1 - len(columns))
    parts = [f"{col}: {cell}" if col else cell for col, cell in zip(columns, cells[1:]) if cell]
    name = cells[0] if cells else ""
    if not name:
        return _sentence(parts)
    return f"{name}: {_sentence(parts)}" if parts else _sentence([name])


def table_sentences(header: list[str], rows: list[list[str]]) -> list[str]:
    """The sentences of a table, one a row, empty rows left out."""
    return [s for s in (row_sentence(header, row) for row in rows) if s]
