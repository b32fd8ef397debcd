"""``python -m crawler.demo`` entry point."""

from crawler.demo.server import main

main()
