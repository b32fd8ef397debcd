"""The review workspace (``jasper serve``): a local web UI where investigators triage
listings, look at their evidence, decide, and pick exhibits. It reads and writes the
database only through the evidence core (:mod:`evidence.review`)."""
