"""Worksheets: the typed model of worksheets/<id>.yml, its loader and its JSON Schema."""
