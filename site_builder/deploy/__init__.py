"""deploy: the built output/ -> a destination named in site.toml (an S3 bucket, an SFTP server, a
git branch, a folder), uploading only the files whose bytes changed.

    destinations.py  site.toml's [deploy.NAME] tables -> Destination
    manifest.py      a site folder -> path -> (hash, size); the record kept on the destination
    changes.py       the two manifests -> uploads in order, deletions
    headers.py       a path -> Content-Type, Cache-Control
    store.py         the protocol of a destination's files; folder.py, s3.py, sftp.py, git.py
    publish.py       the deploy, step by step
"""
