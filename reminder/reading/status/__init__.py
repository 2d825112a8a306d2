"""Status text -> `Status`: words, marks, tags and percentages (`find`, `read`, `words`)."""
