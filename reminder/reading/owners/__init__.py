"""Owner text as written -> owner names: splitting, support and counterpart parties, dittos."""
