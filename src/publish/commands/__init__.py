"""One module per ``publish`` command; each parses options, calls the library, maps errors to exit codes."""
