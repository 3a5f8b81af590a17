"""Alias of `import-run` under an importable name (tests, call_command)."""

import importlib

Command = importlib.import_module("teilhabe.transfer.management.commands.import-run").Command
