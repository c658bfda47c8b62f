"""A strict reading of PO syntax, as GNU ``msgfmt -c`` reads it, before polib (which is lenient) parses the file.

polib accepts a string with no closing quote by dropping its last character, and skips lines it does not
understand; a translator's typo would then build silently into a damaged book. This lexer gives the same
verdict as ``msgfmt -c`` on syntax (and on its newline check), with the line it fails on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEYWORD = re.compile(r"msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr")
_PLAIN = re.compile(r'[^"\\]+')
ESCAPE = re.compile(r'\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9a-fA-F]+)')


@dataclass(frozen=True)
class SyntaxProblem:
    """The first error in the file: its line and what is wrong."""

    line: int
    message: str


@dataclass
class _Entry:
    line: int
    fields: dict[str, str]
    last: str | None = None
    lines: dict[str, int] | None = None
    obsolete: bool = False


def check_po_syntax(text: str) -> SyntaxProblem | None:
    """None when ``text`` is well-formed PO, else the first problem ``msgfmt -c`` would report."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        try:
            if line.startswith("|") or (not obsolete and line.startswith("#|")):
                _check_previous(line.lstrip("#|"))  # ``#|``/``#~|``: the previous msgid, lexed but not kept
            elif line.startswith("#") and not obsolete:
                _comment(current)
            elif line:
                before = current
                current = _read_line(line, number, current, entries)
                if current is not None and current.line == number:
                    current.obsolete = obsolete
                elif current is before and current is not None and current.obsolete != obsolete:
                    raise _Problem("inconsistent use of #~ (an entry is obsolete on some lines, not on others)")
        except _Problem as problem:
            return SyntaxProblem(problem.line or number, problem.message)
    return _check_entries(entries)


def _comment(current: _Entry | None) -> None:
    """Comments come before an entry's first keyword; after its msgstr they end it."""
    if current is None:
        return
    if "msgid" in current.fields and not _has_msgstr(current):
        raise _Problem("the entry has no msgstr", _msgid_line(current))
    if not _has_msgstr(current):
        raise _Problem("a comment inside an entry (comments go before its msgctxt/msgid)")
    current.last = None  # a string after a comment continues nothing


def _check_previous(line: str) -> None:
    """The fields of a ``#|`` line must lex as keywords (msgctxt, msgid, msgid_plural) and strings."""
    position = 0
    while position < len(line):
        if line[position] in " \t":
            position += 1
        elif line[position] == '"':
            position = _string(line, position)[1]
        else:
            word = re.match(r"\S+", line[position:])
            assert word is not None
            if word.group() not in ("msgctxt", "msgid", "msgid_plural"):
                raise _Problem(f"unknown keyword '{word.group()}' in a #| line")
            position += word.end()


class _Problem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _read_line(line: str, number: int, current: _Entry | None, entries: list[_Entry]) -> _Entry | None:
    position = 0
    while position < len(line):
        if line[position] in " \t":
            position += 1
            continue
        if line[position] == '"':
            text, position = _string(line, position)
            if current is None or current.last is None:
                raise _Problem("a string with no keyword before it (msgid, msgstr, ...)")
            current.fields[current.last] += text
            continue
        match = KEYWORD.match(line, position)
        word = re.match(r"\S+", line[position:])
        if match is None or (word and word.group() != match.group()):
            raise _Problem(f"unknown keyword '{word.group() if word else line[position:]}'")
        keyword = match.group()
        position = match.end()
        current = _start_field(keyword, number, current, entries)
    return current


def _start_field(keyword: str, number: int, current: _Entry | None, entries: list[_Entry]) -> _Entry:
    starts_entry = keyword in ("msgctxt", "msgid") and (
        current is None or any(k.startswith("msgstr") for k in current.fields) or keyword in current.fields)
    if keyword == "msgid" and current is not None and list(current.fields) == ["msgctxt"]:
        starts_entry = False
    if starts_entry:
        if current is not None:
            _require_msgstr(current)
        current = _Entry(number, {})
        entries.append(current)
    if current is None or (keyword.startswith("msgstr") or keyword == "msgid_plural") and "msgid" not in current.fields:
        raise _Problem(f"'{keyword}' with no msgid before it")
    if keyword in current.fields:
        raise _Problem(f"a second '{keyword}' in one entry")
    current.fields[keyword] = ""
    current.last = keyword
    current.lines = {**(current.lines or {}), keyword: number}
    return current


def _has_msgstr(entry: _Entry) -> bool:
    return any(k.startswith("msgstr") for k in entry.fields)


def _require_msgstr(entry: _Entry) -> None:
    if not _has_msgstr(entry):
        raise _Problem("the entry has no msgstr", _msgid_line(entry))


def _msgid_line(entry: _Entry) -> int:
    return (entry.lines or {}).get("msgid", entry.line)


def _string(line: str, start: int) -> tuple[str, int]:
    """The string starting at the quote at ``start``, escapes checked, and the position after it."""
    position = start + 1
    out: list[str] = []
    while position < len(line):
        plain = _PLAIN.match(line, position)
        if plain is not None:  # a run with no quote and no escape, taken whole (char by char cost 0.5 s a book)
            out.append(plain.group())
            position = plain.end()
            continue
        if line[position] == '"':
            return "".join(out), position + 1
        match = ESCAPE.match(line, position)  # not plain, not a quote: a backslash
        if match is None:
            raise _Problem(f"invalid escape '{line[position:position + 2]}' in a string")
        out.append(_eot_or_escape(match.group()))
        position = match.end()
    raise _Problem("a string with no closing quote (end of line within string)")


def _eot_or_escape(escape: str) -> str:
    """A numeric escape of EOT (``\\4``, ``\\x04``) as EOT itself, so the separator check sees it; others as written."""
    if escape[1] == "x":
        value = int(escape[2:], 16)
    elif escape[1] in "01234567":
        value = int(escape[1:], 8)
    else:
        return escape
    return "\x04" if value == 4 else escape


def _check_entries(entries: list[_Entry]) -> SyntaxProblem | None:
    first: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        if not any(k.startswith("msgstr") for k in entry.fields):
            return SyntaxProblem(_msgid_line(entry), "the entry has no msgstr")
        for name, value in entry.fields.items():
            if "\x04" in value:  # gettext joins msgctxt and msgid with EOT; msgfmt refuses it in any string
                return SyntaxProblem((entry.lines or {}).get(name, entry.line), "context separator <EOT> in "
                                     f"the {name}")
        key = (entry.fields.get("msgctxt"), entry.fields.get("msgid", ""))
        if entry.obsolete:  # msgfmt ignores obsolete entries, duplicates included
            continue
        if key in first:
            return SyntaxProblem(_msgid_line(entry), f"a second entry with the same msgctxt and msgid (the first "
                                                     f"is on line {first[key]})")
        first[key] = _msgid_line(entry)
        problem = _newline_problem(entry)
        if problem is not None:
            return problem
    return None


def _newline_problem(entry: _Entry) -> SyntaxProblem | None:
    """``msgfmt -c``'s check: a translation begins and ends with a newline exactly when its msgid does."""
    msgid = entry.fields.get("msgid", "").split("\x00")[0]  # msgfmt's C strings end at a NUL
    for name, value in entry.fields.items():
        value = value.split("\x00")[0]
        if not name.startswith("msgstr") or not value or not msgid:
            continue
        for edge, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(msgid, "\\n") != test(value, "\\n"):
                return SyntaxProblem((entry.lines or {}).get(name, entry.line),
                                     f"msgid and {name} do not both {edge} with '\\n'")
    return None
