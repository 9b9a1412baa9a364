"""Scripts for people, run from the project root as ``python -m scripts.<name>``:
``benchmark`` (speed figures) and ``page_report`` (screenshots, per-page figures)."""
