"""The learner's own view of the course: their plan, their progress and their data."""
