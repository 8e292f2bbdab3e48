"""The course model: lessons in nav order, worksheets and where they are placed, session plans,
materials, references, support and brand, loaded and checked once."""
