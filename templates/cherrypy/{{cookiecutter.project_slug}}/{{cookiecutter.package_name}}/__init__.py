"""A CherryPy web application: `app.make_app` builds it, `server` runs it."""
