"""References: the course's bibliography in one YAML file, cited by id in the lessons."""
