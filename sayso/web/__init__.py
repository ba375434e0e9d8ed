"""The web UI (optional extra ``sayso[web]``): `sayso.web.app.create_app(store)`."""
