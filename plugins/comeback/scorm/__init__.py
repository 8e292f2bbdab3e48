"""The course as a SCORM 1.2 package for a learning platform (LMS)."""
