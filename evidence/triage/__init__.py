"""Triage: explainable suspicion scores per concern, off-platform contacts, seller networks.

Three concerns: counterfeit (brand misuse), piracy (illicit streaming, pirated media and
software, game copiers) and unsafe goods (electrical, toys, cosmetics, medicines). Signals
are read from plain YAML files shipped in ``evidence/triage/data/`` (``vocabulary.yaml`` for
counterfeits, ``piracy.yaml``, ``unsafe.yaml``, ``brands.yaml``, ``wholesale.yaml``,
``sellers.yaml``, ``triage.yaml``). A case overrides any of them with a file of the same name
in ``<workdir>/cases/<case>/triage/``; its top-level keys replace the shipped ones.
A score is triage, not proof: it orders the queue for a person to review.
"""

from evidence.triage.rules import Rules, load_rules

DISCLAIMER = (
    "Suspicion scores are triage, not proof: they rank listings for human review from "
    "textual, price, contact and image signals, per concern (counterfeit, piracy, unsafe "
    "goods), and every score lists the reasons behind it."
)

__all__ = ["DISCLAIMER", "Rules", "load_rules"]
