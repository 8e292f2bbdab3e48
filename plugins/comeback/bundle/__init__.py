"""Packages made from a finished site: the copy that works from a folder, and the SCORM package."""
