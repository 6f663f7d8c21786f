"""Re-export for command modules not yet switched over (fix.py): the code is govpub/content/paths.py."""

from govpub.content.paths import article_files, content_files

__all__ = ["article_files", "content_files"]
