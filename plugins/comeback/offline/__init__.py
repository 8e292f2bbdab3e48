"""The offline plugin: a copy of the course that works from a folder (file://), with no server and
no network, zipped for a USB stick; and, in the usual builds, the link to download it."""
