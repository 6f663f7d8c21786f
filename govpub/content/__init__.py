"""Articles: reading files safely, front matter, the article model."""
