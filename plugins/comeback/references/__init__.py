"""The references plugin: the course's bibliography in one YAML file, cited by key in the lessons'
further reading and listed whole on the About page, so the two can never disagree."""
