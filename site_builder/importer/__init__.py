"""importer: news as it arrives (text dumps, feeds, ninjs, NewsML-G2, WordPress exports, saved pages) -> front-matter
Markdown articles."""

from site_builder.importer.run import (
    Explanation,
    FileFailure,
    ImportedArticle,
    ImportProblem,
    ImportReport,
    explain_dumps,
    import_dumps,
)

__all__ = ["Explanation", "FileFailure", "ImportedArticle", "ImportProblem", "ImportReport", "explain_dumps",
           "import_dumps"]
