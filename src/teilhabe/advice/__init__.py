"""Building block 5: advice requests (Fachberatung) and case consultations (kollegiale
Fallberatung) for the professionals and volunteers of an alliance."""
