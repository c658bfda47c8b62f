"""The one XHTML serializer: Jinja2 templates turn the Book model into XHTML for every writer."""
