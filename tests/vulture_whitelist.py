"""Names vulture reports as unused that are used where it cannot see (tests/test_unused.py passes this file
to vulture with src/publish and tools/). Each entry says who uses it. Never imported or run."""

# ruff: noqa
# mypy: ignore-errors
_ = object()

# Typer commands: registered by decorator, called by the CLI.
list_models  # publish models list
install  # publish models install
# The documented exit code 0 (the CLI's --help lists every ExitCode).
_.OK
# Provenance record fields: rendered on the Sources page and printed by check --json (dataclasses.asdict).
_.first_date
_.machine
_.untranslated
_.splitter  # argos_packages: recorded for `publish models list`, documented as unused by publish itself
# html.parser.HTMLParser hooks, called by the parser.
_.handle_startendtag
_.handle_data
# markdown-it's link filter, replaced on the parser object (reader/markdown.py).
_.validateLink
# Called from the Jinja2 templates (templates/_blocks.j2, nav.xhtml.j2).
_.ref_id
_.href
# __exit__ parameters of the context-manager protocol.
exc_type
tb
trace
# http.server hooks and their signature (preview_server): called by the server.
_.daemon_threads
_.do_GET
_.log_message
args
# polib / zipfile / ebooklib attributes set for the library to read.
_.previous_msgctxt
_.previous_msgid
_.check_for_duplicates
_.create_system
_.compress_type
_.spine
# A module-level __getattr__ (PEP 562): lazy imports of the writers.
__getattr__
# Used by tests and bench scripts (the PDF's intermediate HTML, and the translation check as one call).
print_html
check_translations
translate_book  # translate/__init__'s public API: a translated Book without provenance (tests, bench/fuzz_po)
# The single-pass PDF: what the joined parts are tested against (test_pdf_split) and the benchmarks' anchor.
write_pdf_single
# PDF object keys pikepdf writes when set as attributes (pdf_join: structure parents, outline links, resources).
_.P
_.ParentTreeNextKey
_.Resources
_.Prev
_.Count
_.Last
# ebooklib's item hook, called by its writer (writers/epub.py ``_Lazy``).
_.get_content
