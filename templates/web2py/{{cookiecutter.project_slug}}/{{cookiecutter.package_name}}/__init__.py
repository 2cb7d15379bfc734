"""The project's package: its settings, its WSGI application and its development server.

web2py itself reads VERSION, routes.py and applications/ from the project root (the
web2py root), by path: only this package is installed.
"""
