"""PDF minutes -> `Document`: words laid out as fixed-width lines, then read like text."""
