"""Building blocks 1 and 5: the initiative, joining, alliances' partners and workshops,
priorities, accompaniment (contact points, knowledge base) and Teilhabemanagement funding."""
