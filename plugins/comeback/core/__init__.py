"""The course and every decision about it, with nothing of MkDocs (a test makes sure): its sources
read and checked once (lessons, worksheets, session plans, materials, references, support, brand),
where each worksheet is placed, and which printables there are."""
