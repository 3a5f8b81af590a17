"""Pages of intake (taking_in.py) and of the person's entries afterwards (entries.py)."""
