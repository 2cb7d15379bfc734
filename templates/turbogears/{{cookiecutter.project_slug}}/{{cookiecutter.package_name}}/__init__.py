"""The TurboGears application: see main.py for how it is assembled."""
