"""web2py imports each application as the package applications.<name>."""
