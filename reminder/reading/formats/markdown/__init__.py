"""Markdown minutes -> `Document`: blocks (`reader`), inline markup, pipe tables."""
