"""Engines run the pipeline over many documents: `local` here, `dask` on a cluster."""
