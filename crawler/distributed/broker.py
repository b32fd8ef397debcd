"""The broker: RabbitMQ through Dramatiq, its actors declared on one queue namespace."""

from __future__ import annotations

from urllib.parse import urlsplit

from dramatiq import errors as dramatiq_errors
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.middleware import CurrentMessage

# Dramatiq 2 renamed its ConnectionError (the old name now warns); 1.x has only the old one.
BrokerConnectionError: type[Exception] = (
    getattr(dramatiq_errors, "BrokerConnectionError", None) or dramatiq_errors.ConnectionError
)


class BrokerError(ValueError):
    """A broker URL that cannot be used; the message says why."""


def safe_url(url: str) -> str:
    """The broker URL with any password hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


def make_broker(url: str) -> RabbitmqBroker:
    """A RabbitMQ broker for an ``amqp://`` (or ``amqps://``) URL; publishes are confirmed."""
    scheme = urlsplit(url).scheme
    if scheme not in ("amqp", "amqps"):
        raise BrokerError(
            f"broker URL must be amqp://user:password@host:5672/ (RabbitMQ), got {url!r}"
        )
    broker = RabbitmqBroker(url=url, confirm_delivery=True)
    broker.add_middleware(CurrentMessage())  # an actor can tell whether it will be retried
    return broker


def delete_queues(url: str, queue: str) -> None:
    """Remove a queue namespace from the broker (its queue, delay and dead-letter queues)."""
    import pika

    connection = pika.BlockingConnection(pika.URLParameters(url))
    try:
        channel = connection.channel()
        for name in (queue, f"{queue}.DQ", f"{queue}.XQ"):
            channel.queue_delete(name)
    finally:
        connection.close()
