"""Comeback: MkDocs plugins that turn a self-help course into a site, fillable worksheets and PDFs."""
