"""The web UI and JSON API (optional extra ``sayso[web]``): `sayso.web.app.create_app`
over a `Store` or over `sayso.web.snapshot.Snapshots` of a corpus file (`sayso serve`)."""
