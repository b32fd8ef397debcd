"""Court bundles: a BagIt bag holding a WACZ, the original artefacts, exhibit sheets and drafts."""
