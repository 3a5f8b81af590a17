"""Early-warning pages of the alliance and the state (alliance.py) and of one person (person.py)."""
