"""The owner's lexicon: a TOML file of written form -> spoken form, applied before the built-in rules.

    # reader.toml (or any file given with --lexicon)
    [lexicon]                       # in a lexicon file of its own the "lexicon." prefix may be left out
    "DeepSeek" = "Diep-Siek"        # whole word, case-sensitive

    [[lexicon.rules]]
    match = "ki-agenten.de"         # literal text ...
    say = "KI-Agenten Punkt de"
    whole_word = false              # default true
    case_sensitive = false          # default true

    [[lexicon.rules]]
    match = "Dr\\. med\\. (\\w+)"     # ... or a regular expression (Python syntax; \\1 = first group)
    say = "Doktor der Medizin \\1"
    regex = true

Entries are applied in file order (words first, then rules). Errors name the file and line.
``find_site_config`` finds the ``reader.toml`` that applies to a source (its folder, then the current
folder and its parents).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SITE_CONFIG = "reader.toml"
RULE_KEYS = {"match", "say", "whole_word", "case_sensitive", "regex"}


@dataclass(frozen=True)
class Entry:
    written: str
    spoken: str
    pattern: re.Pattern
    regex: bool = False


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...] = ()
    source: str = ""

    def apply(self, text: str) -> str:
        for entry in self.entries:
            text = entry.pattern.sub(_replacement(entry), text)
        return text

    def __len__(self) -> int:
        return len(self.entries)


def _replacement(entry: Entry):
    if entry.regex:
        return lambda m: m.expand(entry.spoken)
    return lambda m: entry.spoken


def _line_of(text: str, needle: str, start_line: int = 1) -> int:
    """The first line (1-based, from ``start_line``) where ``needle`` is a key ("needle" = ...), else the
    first non-comment line that contains it; ``start_line`` if none."""
    key = re.compile(r"\s*(?:\"%s\"|'%s'|%s)\s*=" % ((re.escape(needle.strip('"')),) * 3))
    lines = list(enumerate(text.splitlines()[start_line - 1:], start_line))
    for test in (key.match, lambda line: needle in line and not line.lstrip().startswith("#")):
        for number, line in lines:
            if test(line):
                return number
    return start_line


def _fail(name: str, line: int, problem: str) -> UsageError:
    return UsageError(f"{name}:{line}: {problem}; fix the lexicon file (see 'Lexicon' in the README)")


def _compile(written: str, *, whole_word: bool, case_sensitive: bool, regex: bool) -> re.Pattern:
    body = written if regex else re.escape(written)
    if whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def _word_entries(words: dict, text: str, name: str) -> list[Entry]:
    entries = []
    for written, spoken in words.items():
        if not isinstance(spoken, str) or not written:
            line = _line_of(text, written or '""')
            raise _fail(name, line, f"the spoken form of {written!r} must be a non-empty text in quotes")
        entries.append(Entry(written, spoken, _compile(written, whole_word=True, case_sensitive=True, regex=False)))
    return entries


def _rule_entry(number: int, rule: object, text: str, name: str, header: str) -> Entry:
    line = _nth_line(text, header, number)
    if not isinstance(rule, dict):
        raise _fail(name, line, "each rule must be a table with 'match' and 'say'")
    unknown = set(rule) - RULE_KEYS
    if unknown:
        raise _fail(name, line, f"unknown key {sorted(unknown)[0]!r} in a rule (known: {', '.join(sorted(RULE_KEYS))})")
    if not isinstance(rule.get("match"), str) or not rule["match"] or not isinstance(rule.get("say"), str):
        raise _fail(name, line, "a rule needs 'match' (non-empty text) and 'say' (text)")
    flags = {k: rule.get(k, default) for k, default in (("whole_word", True), ("case_sensitive", True), ("regex", False))}
    if not all(isinstance(v, bool) for v in flags.values()):
        raise _fail(name, line, "whole_word, case_sensitive and regex must be true or false")
    try:
        pattern = _compile(rule["match"], **flags)
        if flags["regex"]:
            _check_template(pattern, rule["say"])
    except (re.error, IndexError) as exc:
        raise _fail(name, _line_of(text, "match", line), f"bad regular expression {rule['match']!r}: {exc}") from exc
    return Entry(rule["match"], rule["say"], pattern, flags["regex"])


def _check_template(pattern: re.Pattern, template: str) -> None:
    """Raise re.error if ``template`` refers to a group the pattern does not have."""
    for ref in re.findall(r"\\(\d+)|\\g<(\w+)>", template):
        group = ref[0] or ref[1]
        if group.isdigit() and int(group) > pattern.groups:
            raise re.error(f"the spoken form refers to group {group}, the pattern has {pattern.groups}")
        if not group.isdigit() and group not in pattern.groupindex:
            raise re.error(f"the spoken form refers to group {group!r}, which the pattern does not define")
    # The rest of the template (escapes such as "\\q" or a trailing backslash) is checked by using it once.
    re.sub("", re.sub(r"\\(\d+)|\\g<\w+>", "", template), "", count=1)


def _nth_line(text: str, header: str, number: int) -> int:
    """The line of the ``number``-th (0-based) ``[[header]]`` table."""
    lines = [i for i, line in enumerate(text.splitlines(), 1)
             if line.split("#", 1)[0].strip().replace(" ", "") == f"[[{header}]]"]
    return lines[number] if number < len(lines) else 1


def parse_lexicon(text: str, name: str = "<lexicon>", *, site_config: bool = False) -> Lexicon:
    """A Lexicon from TOML text; ``name`` (the file) is used in error messages.

    In a site config (reader.toml) only the ``[lexicon]`` table is read; other tables belong to others.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise _fail(name, int(found[1]) if found else 1, f"not valid TOML ({exc})") from exc
    nested = "lexicon" in data or site_config
    table = data.get("lexicon", {}) if nested else data
    if not isinstance(table, dict):
        raise _fail(name, _line_of(text, "lexicon"), "'lexicon' must be a table")
    rules = table.get("rules", [])
    words = {k: v for k, v in table.items() if k not in ("rules", "words")}
    words.update(table.get("words", {}) if isinstance(table.get("words"), dict) else {})
    if not isinstance(rules, list):
        raise _fail(name, _line_of(text, "rules"), "'rules' must be an array of tables: [[lexicon.rules]]")
    header = "lexicon.rules" if nested else "rules"
    entries = _word_entries(words, text, name)
    entries += [_rule_entry(i, r, text, name, header) for i, r in enumerate(rules)]
    return Lexicon(tuple(entries), name)


def load_lexicon(path: str | Path) -> Lexicon:
    """Read a lexicon (or reader.toml) file."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"lexicon file {path} does not exist; check the path given with --lexicon") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read lexicon file {path} ({exc}); save it as UTF-8 text") from exc
    return parse_lexicon(text, str(path), site_config=path.name == SITE_CONFIG)


def find_site_config(source: str | None = None, cwd: Path | None = None) -> Path | None:
    """The reader.toml for ``source``: beside a local source file, else in the current folder or a parent."""
    folders: list[Path] = []
    if source and "://" not in source:
        folders.append(Path(source).expanduser().resolve().parent)
    here = (cwd or Path.cwd()).resolve()
    folders += [here, *here.parents]
    for folder in folders:
        candidate = folder / SITE_CONFIG
        if candidate.is_file():
            return candidate
    return None


def lexicon_for(path: str | None, source: str | None = None) -> Lexicon | None:
    """The lexicon to use: the file given (--lexicon), else the site's reader.toml, else None."""
    if path:
        return load_lexicon(path)
    found = find_site_config(source)
    return load_lexicon(found) if found else None
