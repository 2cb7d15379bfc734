"""What the tests set for speed alone: quick password hashes for the test users."""

from cubicweb.server import utils

# A password hash is slow on purpose (SHA-512 crypt, 656,000 rounds by default); the test
# users' need not be. The test database is built with them and every test logs in.
utils._CRYPTO_CTX.update(sha512_crypt__default_rounds=1000)
