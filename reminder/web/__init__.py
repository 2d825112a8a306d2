"""The web part: the pages that mail links open (answers, preferences, calendars)."""
