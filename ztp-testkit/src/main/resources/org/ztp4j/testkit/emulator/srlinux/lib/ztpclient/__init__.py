"""The SR Linux ZTP Python library as the emulated node offers it (see ztpclient.py). Test code only."""
