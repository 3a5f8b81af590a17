"""Merging two records of one organisation (#17): relations, services, the page."""
