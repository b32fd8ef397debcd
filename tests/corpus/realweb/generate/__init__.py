"""Generator of the real-web development corpus (``python -m tests.corpus.realweb.generate``)."""
