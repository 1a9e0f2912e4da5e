"""pages: Site -> [Page] -> HTML: plan says which pages there are and what each shows (with a
fingerprint of it, fingerprint.py), render draws them with the theme's templates (theme.py)."""
