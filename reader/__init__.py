"""reader: turn German articles into audio people want to listen to.

The public API is small and lazy: importing ``reader`` loads nothing heavy.

    import reader
    article = reader.read("https://example.org/post/")   # -> reader.Article
    result = reader.speak(article, "post.mp3")            # -> reader.SpeakResult
"""

__version__ = "0.1.0"

__all__ = ["read", "speak", "Article", "SpeakResult", "ReaderError", "__version__"]


def __getattr__(name):
    if name in ("read", "speak", "SpeakResult"):
        from . import api

        return getattr(api, name)
    if name == "Article":
        from .article import Article

        return Article
    if name == "ReaderError":
        from .errors import ReaderError

        return ReaderError
    raise AttributeError(f"module 'reader' has no attribute {name!r}")
