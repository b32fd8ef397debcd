"""How a reader checks a bundle's seal and time-stamps, as text for ``VERIFY.txt``.

The export writes this section through :func:`seal_guide`, so that its commands are the ones
``jasper verify`` runs and the file names are the ones sealing writes. Two rules it states:
the producer's key and the TSA's root come from outside the bundle; OpenSSL checks
certificates at today's date, so once a TSA certificate has expired, ``-attime`` gives it the
token's own time (Jasper checks at genTime).
"""

from __future__ import annotations

from evidence.signing import (
    SEAL,
    SEAL_TOKEN,
    SEAL_TOKEN_CHAIN,
    SIGNATURE,
    TAG_MANIFEST,
    SignerIdentity,
)

STAMPS = "data/timestamps"

# (what it shows, the command), in the order to run them, from the folder holding bagit.txt.
# PRODUCER-KEY.pem is the producer's key obtained from them; ROOT.pem the TSA's root, likewise.
SEAL_COMMANDS: tuple[tuple[str, str], ...] = (
    ("The fingerprint of the key you hold (must equal the one above):",
     "openssl pkey -pubin -in PRODUCER-KEY.pem -outform DER | tail -c 32 | sha256sum"),
    ("The seal's signature, by that key:",
     f"openssl pkeyutl -verify -pubin -inkey PRODUCER-KEY.pem -rawin -in {SEAL} "
     f"-sigfile {SIGNATURE}"),
    (f"The tag manifest is the one sealed (equal to \"signed\" in {SEAL}):",
     f"sha256sum {TAG_MANIFEST}"),
    ("The signature's time-stamp, when present: the TSA's time dates the signature:",
     f"openssl ts -verify -data {SIGNATURE} -in {SEAL_TOKEN} -CAfile ROOT.pem "
     f"-untrusted {SEAL_TOKEN_CHAIN}"),
    ("Each capture time-stamp (captures were stamped in batches as they were made; F.json "
     "lists each capture's artefact hashes):",
     f"openssl ts -verify -data {STAMPS}/F.json -in {STAMPS}/F.json.tsr -CAfile ROOT.pem "
     f"-untrusted {STAMPS}/F.json.tsa-chain.pem"),
    ("OpenSSL checks the TSA's certificates at today's date. Once they have expired, give it "
     "the token's time (GENTIME, from the first command) with -attime:",
     "openssl ts -reply -in X.tsr -text | grep 'Time stamp'\n"
     "openssl ts -verify -data X -in X.tsr -CAfile ROOT.pem -untrusted X.tsa-chain.pem "
     "-attime \"$(date -d 'GENTIME' +%s)\""),
)  # fmt: skip

EXIT_CODES = (
    "0: every check passed and the signer is the key you gave (or one in --trust FOLDER)",
    "3: intact as sealed, but the signer is not confirmed (no key given, or another key)",
    "1: problems found, each named",
    "2: bad input (no such bundle, unreadable key)",
)


def seal_guide(identity: SignerIdentity, bundle: str = "BUNDLE.zip") -> str:
    """The VERIFY.txt section on the seal and trusted time, naming the producer's key."""
    lines = [
        "This bundle is sealed by the Ed25519 key with the fingerprint",
        f"    {identity.fingerprint}",
        "Anyone can seal a bundle with a key of their own, so a seal proves who made the",
        "bundle only against the producer's public key obtained from the producer, never",
        "only from this bundle (its public-key.pem is the key the sealer claims). With that",
        "key saved as PRODUCER-KEY.pem:",
        "",
        f"    {identity.pinned_command(bundle)}",
        "",
        "checks everything at once. It exits",
        *(f"    {code}" for code in EXIT_CODES),
        "Keep the keys of producers you accept in a folder and give --trust FOLDER instead;",
        "a TSA root certificate in that folder, or given with --tsa-ca-file ROOT.pem,",
        "confirms the time-stamping authority too.",
        "",
        "With standard tools alone, from the folder that holds bagit.txt:",
    ]
    for n, (what, command) in enumerate(SEAL_COMMANDS, 1):
        lines.append(f"{n}. {what}")
        lines += [f"       {part}" for part in command.splitlines()]
    return "\n".join(lines) + "\n"
