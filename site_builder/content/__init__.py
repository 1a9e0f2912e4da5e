"""content: the archive's files -> checked articles: discover finds them, parse reads each one
(front matter checked, Markdown rendered by markup/ and sanitised)."""
