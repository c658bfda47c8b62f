"""The segment memory on disk: one gettext PO file per article, its entry states and provenance.

Per entry, publish owns only its extracted comments (``#.``) and the ``fuzzy`` flag it sets; the
``msgstr``, translator comments and other flags belong to the translator and are never rewritten.

- ``#. publish-mt: engine=… model=… version=… hash=… date=… out=<sha1> [score=…] [unknown=w1,w2]``
  records the machine draft: ``out`` is a hash of the engine's output, so an edit is
  ``sha1(msgstr) != out``; ``score`` is the engine's confidence (Argos; Apertium gives none) and
  ``unknown`` the source words the engine copied through untranslated (Apertium's ``*`` marks).
- ``#. publish-suggestion: …`` keeps a human translation whose English changed (with ``#|`` lines).
- ``#. publish-problem: …`` says why publish flagged the machine draft (e.g. a lost placeholder).
- A translator approves an entry with the flag ``approved`` or a translator comment ``approved``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import polib

from ..atomic import replace_all
from ..errors import Diagnostic, ExitCode, PublishError
from ..text_clean import clean_text
from .po_syntax import check_po_syntax

MT = "publish-mt:"
SUGGESTION = "publish-suggestion:"
PROBLEM = "publish-problem:"
PREFIXES = (MT, SUGGESTION, PROBLEM)


@dataclass(frozen=True)
class DraftOrigin:
    """Which engine and model produced a machine draft, and when (an article's ``model.Provenance``
    counts these per engine)."""

    engine: str
    model: str
    version: str
    hash: str
    date: str

    def comment(self, output: str, score: float | None = None, unknown: tuple[str, ...] = ()) -> str:
        fields = {"engine": self.engine, "model": self.model, "version": self.version,
                  "hash": self.hash, "date": self.date, "out": text_hash(output)}
        if score is not None:
            fields["score"] = f"{score:.3f}"
        if unknown:
            fields["unknown"] = ",".join(w.replace(",", "") for w in unknown)
        return MT + " " + " ".join(f"{k}={_token(v)}" for k, v in fields.items())


@dataclass(frozen=True)
class DraftRecord:
    """A ``publish-mt`` comment read back: which engine drafted the entry, and what it said about the draft."""

    origin: DraftOrigin
    out: str
    """Hash of the engine's output; differs from ``text_hash(msgstr)`` once a person edits it."""
    score: float | None = None
    unknown: tuple[str, ...] = ()


def draft_record(entry: polib.POEntry) -> DraftRecord | None:
    """The entry's machine-draft record, or None when no engine wrote it."""
    fields = mt_record(entry)
    if fields is None:
        return None
    try:
        score: float | None = float(fields["score"]) if "score" in fields else None
    except ValueError:
        score = None  # a hand-edited comment: no score rather than a wrong one
    unknown = tuple(w for w in fields.get("unknown", "").split(",") if w)
    origin = DraftOrigin(*(fields.get(k, "") for k in ("engine", "model", "version", "hash", "date")))
    return DraftRecord(origin, fields.get("out", ""), score, unknown)


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _token(value: str) -> str:
    return re.sub(r"\s+", "_", value) or "-"


def comment_lines(entry: polib.POEntry) -> dict[str, str]:
    """publish's extracted comments by prefix. A line with no prefix continues the one before it,
    because a PO tool may have wrapped a long comment."""
    found: dict[str, str] = {}
    current: str | None = None
    for line in (entry.comment or "").split("\n"):
        prefix = next((p for p in PREFIXES if line.startswith(p)), None)
        if prefix is not None:
            current = prefix
            found[prefix] = line[len(prefix):].strip()
        elif current is not None and line.strip():
            found[current] += " " + line.strip()
    return found


def mt_record(entry: polib.POEntry) -> dict[str, str] | None:
    """The fields of the entry's ``publish-mt`` comment, or None when no engine wrote it."""
    value = comment_lines(entry).get(MT)
    if value is None:
        return None
    return dict(part.split("=", 1) for part in value.split() if "=" in part)


def entry_state(entry: polib.POEntry) -> str:
    """``untranslated``, ``machine``, ``edited`` (a human changed the draft) or ``approved``."""
    if not entry.msgstr:
        return "untranslated"
    if "approved" in entry.flags or "approved" in (entry.tcomment or "").lower().split():
        return "approved"
    record = mt_record(entry)
    if record is not None and record.get("out") == text_hash(entry.msgstr):
        return "machine"
    return "edited"


def is_human(entry: polib.POEntry) -> bool:
    """True when the entry holds a human's work, which publish never overwrites."""
    return entry_state(entry) in ("edited", "approved")


def set_comments(entry: polib.POEntry, changes: dict[str, str | None]) -> None:
    """Set (a string) or remove (None) publish's own comments, keyed by prefix; others stay as they are."""
    current = comment_lines(entry)
    for prefix, value in changes.items():
        if value is None:
            current.pop(prefix, None)
        else:
            current[prefix] = value[len(prefix):].strip() if value.startswith(prefix) else value
    entry.comment = "\n".join(f"{prefix} {current[prefix]}" for prefix in PREFIXES if prefix in current)


def comment_value(entry: polib.POEntry, prefix: str) -> str | None:
    return comment_lines(entry).get(prefix)


def set_flag(entry: polib.POEntry, flag: str, on: bool) -> None:
    if on and flag not in entry.flags:
        entry.flags.append(flag)
    elif not on and flag in entry.flags:
        entry.flags.remove(flag)


# ------------------------------------------------------------------ reading and writing


def read_po_cleaned(path: Path, rel: str) -> tuple[polib.POFile, list[Diagnostic]]:
    """The parsed file, with characters XML cannot hold removed from every msgstr, and a warning for each."""
    po, warnings, _ = read_po_digest(path, rel)
    return po, warnings


_SHARED: dict[tuple[str, str], tuple[str, polib.POFile, list[Diagnostic]]] = {}
"""Files parsed for a ``shared`` reader, by path: the sha256 of the bytes parsed, and what they gave."""
_SHARED_LIMIT = 1024


def read_po_digest(path: Path, rel: str, shared: bool = False) -> tuple[polib.POFile, list[Diagnostic], str]:
    """``read_po_cleaned``, and the sha256 of the very bytes parsed (one read: what was hashed is what was parsed).

    ``shared``: a file whose bytes are those parsed last time is not parsed again (``publish preview`` reads
    every PO file on each save), and the same POFile is returned: the caller must not change it.
    """
    try:
        data = path.read_bytes()
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # universal newlines, as read_text
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PublishError("the translation file is not UTF-8", path=rel, line=line,
                           hint="re-save it as UTF-8 in your PO editor.") from None
    except OSError as exc:
        raise PublishError(f"the translation file cannot be read: {exc.strerror}", path=rel,
                           hint="check its permissions.") from None
    digest = hashlib.sha256(data).hexdigest()
    if not shared:
        return *_parse_po(text, rel), digest
    key = (str(path), rel)
    known = _SHARED.get(key)
    if known is None or known[0] != digest:
        if len(_SHARED) >= _SHARED_LIMIT:
            _SHARED.clear()
        known = _SHARED[key] = (digest, *_parse_po(text, rel))
    return known[1], list(known[2]), digest


def _parse_po(text: str, rel: str) -> tuple[polib.POFile, list[Diagnostic]]:
    problem = check_po_syntax(text)
    if problem is not None:
        raise PublishError(f"the translation file cannot be read: {problem.message}", path=rel, line=problem.line,
                           hint="fix that line in a text or PO editor (msgfmt -c shows the same error); "
                                "publish did not change the file.")
    try:
        # polib treats a string as content only when it is not a path; always hand it the text.
        po = polib.pofile(text, wrapwidth=0, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise PublishError(
            f"the translation file cannot be read ({_reason(str(exc))})", path=rel,
            line=int(found.group(1)) if found else None,
            hint="fix that line in a text or PO editor (msgfmt -c shows the same error); "
                 "publish did not change the file.",
        ) from None
    return po, _clean_entries(po, rel)


def _clean_entries(po: polib.POFile, rel: str) -> list[Diagnostic]:
    """Control characters (e.g. an octal escape or a pasted one) cannot go into the book: drop them, and warn."""
    found: list[Diagnostic] = []
    for entry in po:
        for key, value in [("msgstr", entry.msgstr), *((f"msgstr[{n}]", v) for n, v in entry.msgstr_plural.items())]:
            cleaned = clean_text(value)
            if cleaned.removed is None:
                continue
            if key == "msgstr":
                entry.msgstr = cleaned.text
            else:
                entry.msgstr_plural[int(key[7:-1])] = cleaned.text
            found.append(Diagnostic("po-control-character", f"{cleaned.describe()} removed from the {key} of "
                                    f"{entry.msgctxt or entry.msgid[:40]!r}", rel, entry.linenum,
                                    hint="retype that translation without the invisible character."))
    return found


def _reason(message: str) -> str:
    message = re.sub(r"\s*\(line \d+\)", "", message)
    return re.sub(r"\s+in po file\s*", " ", message).strip() or "syntax error"


def new_po(lang: str, headers: dict[str, str]) -> polib.POFile:
    po = polib.POFile(wrapwidth=0, check_for_duplicates=True)
    po.metadata = {
        "Project-Id-Version": headers.get("Project-Id-Version", "publish"),
        "PO-Revision-Date": headers.get("PO-Revision-Date", "1970-01-01 00:00+0000"),
        "Last-Translator": "publish translate (machine drafts)",
        "Language-Team": "none",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


def write_atomic(path: Path, text: str, rel: str | None = None) -> None:
    """Write ``text`` to a temporary file beside ``path``, flush it to disk, then rename over ``path``."""
    try:
        replace_all([(path, text.encode("utf-8"))], durable=True)
    except OSError as exc:
        raise PublishError(f"cannot write the translation file: {exc.strerror or exc}", path=rel or str(path),
                           hint="make the folder writable or free some disk space; the file was left as it was.",
                           exit_code=ExitCode.OUTPUT) from None


def po_text(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"
