"""Run the command line as ``python -m scaffold``."""

from scaffold.cli import main

main()
