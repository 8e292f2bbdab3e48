"""The course model: lessons in nav order, worksheets, session plans, materials, references and
support, loaded and checked once a build, read by every other plugin. Knows nothing of MkDocs but
for plugin.py, the adapter that loads it."""
