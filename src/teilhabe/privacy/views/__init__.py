"""Data-protection pages: the controller's records, retention and log (records.py) and
one person's rights (person.py)."""
