"""The error of one cell of a list (fields.py, dates.py raise it; services.py reports it)."""


class CellError(Exception):
    """A cell that cannot become a value; the message says why, in the user's language."""
