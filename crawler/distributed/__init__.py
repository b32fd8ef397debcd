"""Distributed crawls on Dramatiq and RabbitMQ: many workers, one case, nothing lost.

A submission (``jasper crawl --distributed``) becomes one search job per keyword and site
(:mod:`crawler.distributed.enqueue`); each search job lists its candidate listings and queues
them as capture jobs in batches that any worker takes (:mod:`crawler.distributed.actors`).
Every job runs its Scrapy crawl in a fresh child process (:mod:`crawler.distributed.child`),
and ``jasper worker`` (:mod:`crawler.distributed.worker`) consumes them. Jobs and what became
of them are recorded in the shared database (:mod:`evidence.jobs`); a crawl claims each page
before capturing it (:mod:`evidence.claims`), and workers wait out an outage of the database
or the broker (:mod:`crawler.distributed.outage`).
"""

DEFAULT_QUEUE = "jasper"  # the queue namespace; kept here so the CLI need not load Dramatiq
