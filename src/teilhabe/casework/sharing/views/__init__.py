"""Pages of consents (consents.py) and referrals (referrals.py)."""
