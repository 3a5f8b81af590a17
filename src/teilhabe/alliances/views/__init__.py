"""Views of the alliances app, split by concern (state pages, alliance pages, workshops,
knowledge, funding)."""
