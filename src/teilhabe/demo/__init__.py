"""Deterministic demo and benchmark data (`teilhabe seed_demo`).

`seed.py` builds the foundation and then runs `steps.STEPS` in their declared order; each
other module holds one app's part. No app imports this package: the apps know nothing of
their demo data (`alliances.coverage` only reads the shipped Destatis table in `data/`).
"""
