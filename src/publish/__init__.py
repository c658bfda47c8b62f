"""publish: an offline publishing toolchain (manuscript -> Book model -> EPUB, PDF, translations)."""

__version__ = "0.1.0"
