"""Runnable code blocks of the ML Notes site.

Each module is a self-contained script: the pages embed its source, and the
file beside it with the same name and the suffix ``.out`` holds what it
prints.  ``pytest`` runs every script and compares.
"""
