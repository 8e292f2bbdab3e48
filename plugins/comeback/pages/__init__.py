"""What a page of the site is made of beyond its Markdown: worksheet forms, independent help,
citations, the facilitator guide's generated pages and the learner's own pages, and their templates."""
