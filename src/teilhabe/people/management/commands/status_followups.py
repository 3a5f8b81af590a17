"""Alias of `status-followups` under an importable name (tests, call_command)."""

import importlib

Command = importlib.import_module("teilhabe.people.management.commands.status-followups").Command
