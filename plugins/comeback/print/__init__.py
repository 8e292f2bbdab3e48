"""Printables as PDFs: print HTML from the pages and worksheets, WeasyPrint in worker processes,
assembly of parts, form fields, fonts and a cache, so a build renders only what changed."""
