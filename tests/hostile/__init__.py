"""Hostile test infrastructure: an adversarial marketplace and forged bundles (issue 16).

``tests.hostile.server`` serves hostile pages, ``tests.hostile.bundles`` forges bundles; the
README in this folder says what Jasper must do with each and what it does today.
"""
