import base64

import pytest

from govkit.crypto import IdVault, VaultError, generate_key, key_id

RID = "11010519491231002X"


@pytest.fixture(scope="module")
def keys():
    return {"enc_old": generate_key(), "enc_new": generate_key(), "hash_old": generate_key(),
            "hash_new": generate_key()}


@pytest.fixture
def vault(keys):
    return IdVault([keys["enc_old"]], [keys["hash_old"]])


def test_generated_key_is_32_bytes_urlsafe_base64():
    key = generate_key()
    assert len(base64.urlsafe_b64decode(key)) == 32 and generate_key() != key


def test_round_trip_normalises_and_hides_the_number(vault):
    token = vault.encrypt(" 11010519491231002x ")
    assert vault.decrypt(token) == RID
    assert RID not in token and "110105" not in token
    assert token.startswith(f"v1.{vault.current_key_id}.")


def test_each_encryption_uses_a_fresh_nonce(vault):
    assert vault.encrypt(RID) != vault.encrypt(RID)


def test_rotation_first_key_encrypts_all_keys_decrypt(keys, vault):
    old_token = vault.encrypt(RID)
    rotated = IdVault([keys["enc_new"], keys["enc_old"]], [keys["hash_new"], keys["hash_old"]])
    new_token = rotated.encrypt(RID)
    assert rotated.decrypt(old_token) == rotated.decrypt(new_token) == RID
    assert rotated.needs_rotation(old_token) and not rotated.needs_rotation(new_token)
    re_encrypted = rotated.rotate(old_token)
    assert not rotated.needs_rotation(re_encrypted) and rotated.decrypt(re_encrypted) == RID
    assert rotated.rotate(new_token) == new_token
    with pytest.raises(VaultError, match="not configured"):
        vault.decrypt(new_token)  # the old vault does not know the new key


def test_tampered_token_is_refused(vault):
    token = vault.encrypt(RID)
    head, body = token.rsplit(".", 1)
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(VaultError, match="authentication"):
        vault.decrypt(f"{head}.{flipped}")


@pytest.mark.parametrize("token", ["", "v2.abc.def", "v1.abc", "plain", "v1.xx.!!!!"])
def test_malformed_token_is_refused(vault, token):
    with pytest.raises(VaultError):
        vault.decrypt(token)


def test_truncated_token_is_refused(vault):
    with pytest.raises(VaultError, match="truncated"):
        vault.decrypt(f"v1.{vault.current_key_id}.AAAA")


def test_lookup_hash_is_deterministic_keyed_and_normalised(keys, vault):
    h = vault.lookup_hash(RID)
    assert h == vault.lookup_hash("11010519491231002x ") and len(h) == 64
    assert h != vault.lookup_hash("110105194912310021")
    assert h != IdVault([keys["enc_old"]], [keys["hash_new"]]).lookup_hash(RID)


def test_lookup_hashes_find_rows_hashed_before_rotation(keys, vault):
    stored = vault.lookup_hash(RID)
    rotated = IdVault([keys["enc_new"]], [keys["hash_new"], keys["hash_old"]])
    hashes = rotated.lookup_hashes(RID)
    assert hashes[0] == rotated.lookup_hash(RID) and stored in hashes and len(hashes) == 2


@pytest.mark.parametrize("enc,hsh,message", [
    ([], ["K"], "encryption key"),
    (["K"], [], "hash key"),
    (["not base64!"], ["K"], "encryption_keys[0]"),
    ([base64.urlsafe_b64encode(b"short").decode()], ["K"], "32 bytes"),
    (["K"], ["K", "bad"], "hash_keys[1]"),
])
def test_bad_keys_are_refused(enc, hsh, message):
    good = generate_key()
    enc = [good if k == "K" else k for k in enc]
    hsh = [good if k == "K" else k for k in hsh]
    with pytest.raises(VaultError, match=message.replace("[", r"\[").replace("]", r"\]")):
        IdVault(enc, hsh)


def test_key_without_padding_is_accepted():
    key = generate_key()
    assert IdVault([key.rstrip("=")], [key]).current_key_id == key_id(base64.urlsafe_b64decode(key))


def test_a_person_reference_is_the_same_in_every_service_and_never_the_number():
    from govkit.crypto import PersonRef, generate_key

    old, new = generate_key(), generate_key()
    producer, consumer = PersonRef([new, old]), PersonRef([new, old])
    ref = producer.ref(" 41050219900101001x ")
    assert ref == consumer.ref("41050219900101001X") and "41050219900101001X" not in ref
    assert PersonRef([old]).ref("41050219900101001X") in consumer.refs("41050219900101001X")
