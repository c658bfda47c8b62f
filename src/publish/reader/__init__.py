"""Readers: build the Book model from a project folder (publish.yaml + manuscript/*.md)."""

from .project import read_project

__all__ = ["read_project"]
