"""Action tables in minutes: the header (`rows`), the cells (`cells`), the actions (`reader`)."""
