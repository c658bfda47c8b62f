"""Merging the current segments into a PO file, the way ``msgmerge`` merges a new template.

- Same id and English: the entry is kept as it is (a human's work is never touched).
- New English: a new entry waits for a machine draft. If an old entry of the same kind is similar
  enough (ratio >= 0.6, as msgmerge's fuzzy search) and holds a human translation, that translation
  is kept on the new entry as a suggestion, with ``#|`` lines showing the old English, and ``fuzzy``.
- Old entries nobody matched become obsolete (``#~``); an obsolete entry whose English comes back is revived.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import polib

from .pofile import SUGGESTION, comment_value, entry_state, is_human, set_comments, set_flag
from .segments import Segment

SIMILARITY = 0.6


@dataclass
class MergePlan:
    """The merged entries of one PO file, and which of them need a machine draft."""

    entries: list[polib.POEntry]
    obsolete: list[polib.POEntry]
    pending: list[tuple[polib.POEntry, Segment]] = field(default_factory=list)
    changed: bool = False


def merge(segments: list[Segment], po: polib.POFile | None, redo_machine: bool = False) -> MergePlan:
    old_live = [e for e in po if not e.obsolete] if po is not None else []
    old_obsolete = [e for e in po if e.obsolete] if po is not None else []
    by_id = {e.msgctxt: e for e in old_live}
    used: set[int] = set()
    chosen: list[polib.POEntry | None] = []
    for segment in segments:
        entry = by_id.get(segment.id)
        if entry is not None and entry.msgid == segment.source:
            used.add(id(entry))
            chosen.append(entry)
        else:
            chosen.append(None)
    plan = MergePlan([], [])
    revivable = {(e.msgctxt, e.msgid): e for e in old_obsolete}
    for segment, entry in zip(segments, chosen):
        if entry is None:
            entry = _revive(segment, revivable, plan) or _new_entry(segment, old_live, used, plan)
        _tidy(entry, segment, plan)
        plan.entries.append(entry)
        state = entry_state(entry)
        if state == "untranslated" or (redo_machine and state == "machine"):
            plan.pending.append((entry, segment))
    _obsolete_rest(old_live, old_obsolete, used, plan)
    if po is not None and [id(e) for e in plan.entries] != [id(e) for e in old_live]:
        plan.changed = True
    return plan


def _revive(segment: Segment, revivable: dict[tuple[str, str], polib.POEntry],
            plan: MergePlan) -> polib.POEntry | None:
    entry = revivable.pop((segment.id, segment.source), None)
    if entry is not None:
        entry.obsolete = False
        plan.changed = True
    return entry


def _new_entry(segment: Segment, old_live: list[polib.POEntry], used: set[int],
               plan: MergePlan) -> polib.POEntry:
    plan.changed = True
    entry = polib.POEntry(msgctxt=segment.id, msgid=segment.source, msgstr="")
    kind = segment.id.rsplit("/", 1)[-1].split(".", 1)[0]
    candidates = [e for e in old_live if id(e) not in used and _kind(e) == kind]
    best, score = None, SIMILARITY
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, candidate.msgid, segment.source, autojunk=False).ratio()
        if ratio >= score:
            best, score = candidate, ratio
    if best is not None:
        used.add(id(best))
        if is_human(best) or comment_value(best, SUGGESTION):
            suggestion = best.msgstr if is_human(best) else comment_value(best, SUGGESTION)
            entry.previous_msgctxt, entry.previous_msgid = best.msgctxt, best.msgid
            set_comments(entry, {SUGGESTION: f"{SUGGESTION} {suggestion} [{entry_state(best)}]"})
            entry.tcomment = best.tcomment
            set_flag(entry, "fuzzy", True)
    return entry


def _kind(entry: polib.POEntry) -> str:
    return (entry.msgctxt or "").rsplit("/", 1)[-1].split(".", 1)[0]


def _tidy(entry: polib.POEntry, segment: Segment, plan: MergePlan) -> None:
    """Keep the reference line current; drop a suggestion once a reviewer has cleared ``fuzzy``."""
    occurrence = [(segment.reference, "")]
    if entry.occurrences != occurrence:
        entry.occurrences = occurrence
        plan.changed = True
    if "fuzzy" not in entry.flags and comment_value(entry, SUGGESTION) is not None:
        set_comments(entry, {SUGGESTION: None})
        entry.previous_msgid = entry.previous_msgctxt = None
        plan.changed = True


def _obsolete_rest(old_live: list[polib.POEntry], old_obsolete: list[polib.POEntry], used: set[int],
                   plan: MergePlan) -> None:
    for entry in old_live:
        if id(entry) not in used:
            if entry_state(entry) == "untranslated" and not comment_value(entry, SUGGESTION):
                plan.changed = True
                continue  # an empty entry holds nothing worth keeping
            entry.obsolete = True
            plan.obsolete.append(entry)
            plan.changed = True
    seen = {(e.msgctxt, e.msgid) for e in plan.obsolete}
    for entry in old_obsolete:
        if entry.obsolete and (entry.msgctxt, entry.msgid) not in seen:
            seen.add((entry.msgctxt, entry.msgid))
            plan.obsolete.append(entry)
