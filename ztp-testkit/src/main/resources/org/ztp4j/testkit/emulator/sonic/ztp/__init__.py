"""The part of sonic-ztp's Python package that provisioning scripts use. Test code only."""
