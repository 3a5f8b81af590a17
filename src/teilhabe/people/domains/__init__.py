"""Interpreter need and legal-domain history of a person (pages, services, sections)."""
