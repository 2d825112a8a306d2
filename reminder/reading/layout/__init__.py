"""Text converted from PDF or Word, reassembled: page furniture, fixed-width tables, columns."""
