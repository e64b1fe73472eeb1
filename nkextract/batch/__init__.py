"""The batch command's machinery: find and read articles, run the pipeline over them in
batches (local processes or Dask workers), and write the tables."""
