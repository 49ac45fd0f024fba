"""An Article as plain text or Markdown (what ``reader extract`` prints).

Plain text: the title, a blank line, one block per line (list items marked, table rows
tab-separated with the header first), then the footnotes as ``[1] text`` lines.
Markdown: ``# Title``, headings by level, ``- `` / ``1. `` list items, ``> `` quotes, GitHub
tables, ``[^1]`` markers where the notes were cited and their definitions at the end.
"""

from __future__ import annotations

from .article import CAPTION, HEADING, LIST_ITEM, QUOTE, TABLE, Article, Block


def to_text(article: Article) -> str:
    lines = [article.title, ""]
    numbers = _ListNumbers()
    for block in article.blocks:
        if block.kind == TABLE:
            lines.extend("\t".join(row) for row in _table_rows(block))
        elif block.kind == LIST_ITEM:
            lines.append("  " * (block.level - 1) + numbers.bullet(block) + block.text)
        else:
            numbers.reset()
            lines.append(block.text)
    if article.footnotes:
        lines.append("")
        lines.extend(f"[{note.label}] {note.text}" for note in article.footnotes)
    return "\n".join(lines).rstrip("\n")


def to_markdown(article: Article) -> str:
    out = [f"# {article.title}", ""]
    numbers = _ListNumbers()
    for block in article.blocks:
        text = _with_markers(block)
        if block.kind == LIST_ITEM:
            out.append("  " * (block.level - 1) + numbers.bullet(block) + text)
            continue
        if numbers.active:
            out.append("")
        numbers.reset()
        out.extend(_markdown_block(block, text))
        out.append("")
    if numbers.active:
        out.append("")
    if article.footnotes:
        out.extend(f"[^{note.label}]: {note.text}" for note in article.footnotes)
    return "\n".join(out).rstrip("\n") + "\n"


def _markdown_block(block: Block, text: str) -> list[str]:
    if block.kind == HEADING:
        return ["#" * min(6, max(2, block.level)) + " " + text]
    if block.kind == QUOTE:
        return ["> " + text]
    if block.kind == CAPTION:
        return [f"*{text}*"]
    if block.kind == TABLE:
        return _markdown_table(block)
    return [text]


def _markdown_table(block: Block) -> list[str]:
    width = max([len(block.header)] + [len(row) for row in block.rows])
    header = _pad(block.header, width)
    lines = [_md_row(header), "|" + " --- |" * width]
    lines.extend(_md_row(_pad(row, width)) for row in block.rows)
    if block.refs:
        lines.append("")
        lines.append(" ".join(f"[^{ref.label}]" for ref in block.refs))
    return lines


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _pad(cells: list[str], width: int) -> list[str]:
    return list(cells) + [""] * (width - len(cells))


def _table_rows(block: Block) -> list[list[str]]:
    return ([block.header] if block.header else []) + block.rows


def _with_markers(block: Block) -> str:
    """The block's text with ``[^label]`` inserted where each footnote was cited."""
    if block.kind == TABLE or not block.refs:
        return block.text
    text, last, parts = block.text, 0, []
    for ref in sorted(block.refs, key=lambda r: r.offset):
        parts.append(text[last:ref.offset])
        parts.append(f"[^{ref.label}]")
        last = ref.offset
    parts.append(text[last:])
    return "".join(parts)


class _ListNumbers:
    """Bullets for list items: "- " or "N. " with a counter per nesting level; a counter starts
    again below a shallower item and where an unordered list gives way to an ordered one."""

    def __init__(self):
        self.counters: dict[int, tuple[bool, int]] = {}  # level -> (ordered, count)

    @property
    def active(self) -> bool:
        return bool(self.counters)

    def bullet(self, block: Block) -> str:
        for deeper in [level for level in self.counters if level > block.level]:
            del self.counters[deeper]
        ordered, count = self.counters.get(block.level, (block.ordered, 0))
        count = count + 1 if ordered == block.ordered else 1
        self.counters[block.level] = (block.ordered, count)
        return f"{count}. " if block.ordered else "- "

    def reset(self) -> None:
        self.counters.clear()
