"""What a document says about its meeting: forum, title, date, next meeting."""
