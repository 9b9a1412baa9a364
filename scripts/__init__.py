"""Scripts for people, run from the project root as ``python -m scripts.<name>``.

They use the test suite's check libraries, so they import from the same
folders pytest does: the ``pythonpath`` of pytest.ini (read here, not copied).
"""

import configparser
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ini = configparser.ConfigParser()
_ini.read(ROOT / "pytest.ini")
for folder in ["tests", *_ini["pytest"]["pythonpath"].split()]:
    if str(ROOT / folder) not in sys.path:
        sys.path.insert(0, str(ROOT / folder))
