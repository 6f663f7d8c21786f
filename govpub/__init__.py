"""govpub: a Git-native publishing pipeline for a government bureau's website and new-media accounts."""

__version__ = "0.1.0"
