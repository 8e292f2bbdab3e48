"""The brand plugin: an organisation's name, logo and colour on every page and PDF, in colours that
keep the course readable (WCAG 2.2 AA) in both the light and the dark palette."""
