"""cluster: parse and render on the workers of a Dask cluster instead of this machine's processes
(runner.py), the site sent to them without its articles' bodies (bodies.py). Imported only with
a scheduler: nothing else in the build knows about Dask."""
