"""Archive re-moderation: new decisions for stored comments after a policy or model change.

`remoderate` computes and applies them (resumably, in batches, audited), `engine` runs the
computation in this process or on Dask (a local cluster, or a cluster's scheduler), and
`parquet` exports comments to Parquet files that the workers can read instead of the
database. The package uses the core and the store, never the web layer.
"""
