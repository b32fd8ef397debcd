"""``python -m crawler.cli``: the same as the ``jasper`` command."""

from crawler.cli.main import main

main()
