"""Command name `load-reference`: Django names commands after their module file."""

from teilhabe.municipalities.management.commands.load_reference import Command

__all__ = ["Command"]
