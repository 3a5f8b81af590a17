"""Pages of the offer catalogue (catalogue.py) and its analyses: gaps and quality (analysis.py)."""
