"""English -> Spanish translation with a segment memory (``translations/<lang>/*.po``) that keeps human edits.

Public API (the editions use these; nothing here imports argostranslate):

- ``load_memory(root, lang) -> Memory`` and ``translate_book(book, memory, lang) -> (Book, diagnostics)``
  and ``provenance(memory, slug, article=None)``: ``apply``; ``translate_edition`` adds each article's
  provenance with its review-queue size (``qa_cache``: QA runs only where the translation changed).
- ``translate_project(root, RunOptions)``: ``run`` (what ``publish translate`` does).
- ``check_translations(root, lang) -> (diagnostics, rows)``: ``check``.

Offline by design: segmentation is a rule-based splitter (``sentences``), so Argos's own sentence
splitters (stanza re-fetches its resources index even with a complete ``stanza/`` folder; minisbd
downloads a model when the package has none) are never loaded, and the Argos engine drives the
package's CTranslate2 model and SentencePiece directly. Only ``engines.argos`` and
``argos_packages`` import argostranslate/ctranslate2, lazily, and only when a segment needs a draft.
"""
