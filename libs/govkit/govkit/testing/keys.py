"""The test signing key: tokens signed with it are trusted only by services whose ENV is `test`
(a production gateway refuses to sign with it, a production service never trusts it)."""

from __future__ import annotations

from govkit.auth import TEST_KEY_ID, SigningKey

# Published on purpose: it is worthless outside ENV=test.
TEST_PRIVATE_KEY_PEM = """-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIBseP/ZbaX9bSxQJIaHxH+Rgqr7cCO3Y+R63bstQ6xnB
-----END PRIVATE KEY-----
"""

TEST_KEY = SigningKey.from_pem(TEST_PRIVATE_KEY_PEM)
assert TEST_KEY.kid == TEST_KEY_ID
