"""The scheduled audit (Art. 4, 9, 12): privacy sweep, column freshness, consultations,
rectification items, links and the built site, against the national inspection thresholds."""
