"""importer: raw news dumps (wire pages, briefings) -> front-matter Markdown articles."""

from site_builder.importer.run import (
    FileFailure,
    ImportedArticle,
    ImportProblem,
    ImportReport,
    import_dumps,
)

__all__ = ["FileFailure", "ImportedArticle", "ImportProblem", "ImportReport", "import_dumps"]
