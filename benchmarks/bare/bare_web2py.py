"""A bare web2py application answering /health through gluon's WSGI handler, for the benchmark.

web2py serves applications from a folder: this builds the smallest one (a controller
returning JSON, no model) in a temporary folder and points gluon at it.
"""

import os
import tempfile
from pathlib import Path

COMMAND = "gunicorn bare_web2py:application"

ROOT = Path(tempfile.mkdtemp(prefix="bare-web2py-"))
(ROOT / "applications" / "bare" / "controllers").mkdir(parents=True)
(ROOT / "applications" / "__init__.py").write_text("")
(ROOT / "applications" / "bare" / "__init__.py").write_text("")
(ROOT / "applications" / "bare" / "controllers" / "default.py").write_text(
    "def health():\n    return response.json({'status': 'ok'})\n"
)
(ROOT / "VERSION").write_text("Version 2.26.1-stable+timestamp.2023.10.22.17.24.54\n")
(ROOT / "routes.py").write_text(
    "default_application = 'bare'\nroutes_in = (('/health', '/bare/default/health'),)\n"
)
os.environ["web2py_path"] = str(ROOT)  # noqa: SIM112 (web2py reads this lowercase name)

from gluon.settings import global_settings  # noqa: E402

global_settings.web2py_runtime_handler = True

import gluon.main  # noqa: E402

application = gluon.main.wsgibase
