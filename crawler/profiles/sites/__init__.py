"""Site profiles shipped with Jasper (YAML); use them by name with ``--site NAME``."""
