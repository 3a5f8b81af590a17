"""Command name `import-gv100`: Django names commands after their module file."""

from teilhabe.municipalities.management.commands.import_gv100 import Command

__all__ = ["Command"]
