"""Command name `import-destatis`: Django names commands after their module file."""

from teilhabe.reporting.management.commands.import_destatis import Command

__all__ = ["Command"]
