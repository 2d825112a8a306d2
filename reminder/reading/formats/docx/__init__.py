"""Word minutes -> `Document`: paragraphs and lists in body order, tables with merged cells."""
