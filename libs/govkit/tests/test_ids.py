import contextvars
from datetime import date

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from govkit.i18n import set_language
from govkit.ids import (
    RESIDENT_ID_EXAMPLE,
    USCC,
    USCC_EXAMPLE,
    USCC_WEIGHTS,
    InvalidIdentifier,
    ResidentId,
    SubjectCode,
    make_resident_id,
    make_uscc,
    mask_id,
    subject_type,
    uscc_check_char,
    validate_resident_id,
    validate_subject_code,
    validate_uscc,
)

VALID_USCC = "91350100M000100Y43"  # widely published valid example
VALID_RID = "11010519491231002X"  # the example printed in GB 11643-1999


def in_english(fn):
    def run():
        set_language("en")
        return fn()
    return contextvars.copy_context().run(run)


def error(fn, value):
    with pytest.raises(InvalidIdentifier) as exc:
        fn(value)
    return exc.value


# --- USCC (GB 32100-2015) -----------------------------------------------------------------------

def test_uscc_weights_are_powers_of_three_mod_31():
    assert list(USCC_WEIGHTS) == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


@pytest.mark.parametrize("code", [VALID_USCC, USCC_EXAMPLE, make_uscc("12410500MB0000001"),
                                  make_uscc("Y1410500000000001"), make_uscc("N2410522000000001")])
def test_valid_uscc(code):
    assert validate_uscc(code) == code


def test_uscc_is_normalised_to_upper_case_without_spaces():
    assert validate_uscc(f"  {VALID_USCC.lower()}\t") == VALID_USCC


def test_uscc_check_character_zero_when_remainder_is_zero():
    # brute-force independent of uscc_check_char: find a body whose weighted sum is 0 mod 31
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    for last in charset:
        body = "9141050000000000" + last
        if sum(charset.index(c) * w for c, w in zip(body, weights, strict=True)) % 31 == 0:
            break
    assert uscc_check_char(body) == "0"
    assert validate_uscc(body + "0") == body + "0"


@pytest.mark.parametrize("value,got", [("", 0), (VALID_USCC[:17], 17), (VALID_USCC + "1", 19)])
def test_uscc_wrong_length(value, got):
    e = error(validate_uscc, value)
    assert e.reason == "length" and e.position is None
    assert f"实际为{got}位" in e.zh and f"got {got}" in e.en


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_uscc_excluded_letters_are_illegal(letter):
    value = VALID_USCC[:10] + letter + VALID_USCC[11:]
    e = error(validate_uscc, value)
    assert (e.reason, e.position) == ("illegal_character", 11)
    assert f"illegal character '{letter}' at position 11" in e.en and "第11位" in e.zh


def test_uscc_non_ascii_character_is_illegal():
    e = error(validate_uscc, "9135010０M000100Y43")  # full-width zero at position 8
    assert e.position == 8 and e.reason == "illegal_character"


def test_uscc_unknown_registration_authority():
    e = error(validate_uscc, "B" + VALID_USCC[1:])
    assert (e.reason, e.position) == ("registration_authority", 1)


def test_uscc_unknown_institution_type():
    e = error(validate_uscc, "94" + VALID_USCC[2:])  # 工商 has types 1, 2, 3
    assert (e.reason, e.position) == ("institution_type", 2) and "工商" in e.zh


def test_uscc_region_code_must_be_digits():
    e = error(validate_uscc, "91A10500MA44X00003")
    assert (e.reason, e.position) == ("illegal_character", 3)


def test_uscc_check_mismatch_names_both_characters():
    e = error(validate_uscc, VALID_USCC[:17] + "4")
    assert (e.reason, e.position) == ("check_character", 18)
    assert "expected 3, got 4" in e.en and "应为“3”" in e.zh


# --- resident ID (GB 11643-1999) ----------------------------------------------------------------

def test_valid_resident_id_and_lower_case_x():
    assert validate_resident_id(VALID_RID) == VALID_RID
    assert validate_resident_id(" 11010519491231002x ") == VALID_RID


@pytest.mark.parametrize("value,got", [("1101051949123100", 16), (VALID_RID + "0", 19)])
def test_resident_id_wrong_length(value, got):
    e = error(validate_resident_id, value)
    assert e.reason == "length" and f"got {got}" in e.en and f"实际为{got}位" in e.zh


@pytest.mark.parametrize("value,pos", [
    ("X1010519491231002X", 1),
    ("11010519491231A02X", 15),
    ("1101051949123100X2", 17),  # X only allowed as the check character
    ("11010519491231002Y", 18),
])
def test_resident_id_illegal_character_position(value, pos):
    e = error(validate_resident_id, value)
    assert (e.reason, e.position) == ("illegal_character", pos)
    assert f"at position {pos}" in e.en


@pytest.mark.parametrize("birth,why", [("19490231", "not a real date"), ("19491301", "not a real date"),
                                       ("18991231", "before 1900"), ("20990101", "in the future")])
def test_resident_id_impossible_birth_date(birth, why):
    e = error(validate_resident_id, "110105" + birth + "0021")
    assert (e.reason, e.position) == ("birth_date", 7) and why in e.en and birth in e.zh


def test_resident_id_birth_date_boundaries():
    assert make_resident_id("11010519000101002")  # 1900-01-01 accepted
    today = date(2023, 6, 15)
    born_today = make_resident_id("11010520230615002")
    assert validate_resident_id(born_today, today=today) == born_today
    born_tomorrow = make_resident_id("11010520230616002")
    with pytest.raises(InvalidIdentifier) as exc:
        validate_resident_id(born_tomorrow, today=today)
    assert exc.value.reason == "birth_date" and "in the future" in exc.value.en


def test_resident_id_check_mismatch():
    e = error(validate_resident_id, "110105194912310021")
    assert (e.reason, e.position) == ("check_character", 18)
    assert "expected X, got 1" in e.en and "应为“X”，实际为“1”" in e.zh


# --- messages, helpers, pydantic types ------------------------------------------------------------

def test_message_follows_caller_language():
    e = error(validate_uscc, "123")
    assert str(e) == e.zh and "应为18位" in str(e)
    assert in_english(lambda: str(e)) == e.en
    assert isinstance(e, ValueError)


def test_make_helpers_append_the_check_character():
    assert make_uscc("91350100M000100Y4") == VALID_USCC
    assert make_resident_id("11010519491231002") == VALID_RID
    with pytest.raises(ValueError):
        make_uscc("9135")
    with pytest.raises(ValueError):
        make_resident_id("1101051949123100X")
    with pytest.raises(InvalidIdentifier):
        make_uscc("B1350100M000100Y4")  # bad authority code


def test_mask_id():
    assert mask_id(VALID_RID) == "110105********002X"
    assert mask_id(f" {VALID_USCC} ") == "913501********0Y43"
    assert mask_id("12345678901") == "123456*8901"
    assert mask_id("1234567890") == "**********"
    assert mask_id("") == ""


def test_subject_type():
    assert subject_type(VALID_RID) == "natural_person"
    assert subject_type(VALID_USCC) == "legal_entity"
    with pytest.raises(InvalidIdentifier):
        subject_type("110105194912310021")


def test_code_valid_under_both_standards_is_treated_as_a_person():
    both = "110105199001010299"
    assert validate_uscc(both) == validate_resident_id(both) == both
    assert subject_type(both) == "natural_person"


def test_subject_code_accepts_either_and_explains_both_failures():
    assert validate_subject_code(VALID_USCC) == VALID_USCC
    assert validate_subject_code(VALID_RID.lower()) == VALID_RID
    e = error(validate_subject_code, VALID_USCC[:17] + "4")
    assert "统一社会信用代码" in e.zh and "公民身份号码" in e.zh and e.reason == "check_character"
    short = error(validate_subject_code, "12345")
    assert short.reason == "length" and "got 5" in short.en


class Filing(BaseModel):
    entity: USCC
    person: ResidentId
    subject: SubjectCode


def test_pydantic_types_validate_and_normalise():
    f = Filing(entity=VALID_USCC.lower(), person="11010519491231002x", subject=VALID_RID)
    assert (f.entity, f.person, f.subject) == (VALID_USCC, VALID_RID, VALID_RID)


def test_pydantic_error_carries_the_message():
    with pytest.raises(ValidationError) as exc:
        Filing(entity=VALID_USCC[:17] + "4", person=VALID_RID, subject=VALID_RID)
    err = exc.value.errors()[0]
    assert err["loc"] == ("entity",) and "校验码不符" in err["msg"]
    assert isinstance(err["ctx"]["error"], InvalidIdentifier)


def test_json_schema_examples_are_valid_codes():
    schema = Filing.model_json_schema()["properties"]
    assert schema["entity"]["examples"] == [USCC_EXAMPLE]
    assert schema["person"]["examples"] == [RESIDENT_ID_EXAMPLE]
    for example in schema["subject"]["examples"]:
        assert TypeAdapter(SubjectCode).validate_python(example) == example
    assert validate_uscc(USCC_EXAMPLE) and validate_resident_id(RESIDENT_ID_EXAMPLE)


def test_non_string_is_refused():
    e = error(validate_uscc, 123)
    assert e.reason == "type"


@pytest.mark.parametrize("kind", [USCC, ResidentId, SubjectCode])
def test_the_document_declares_the_form_every_accepted_code_has(kind):
    """The schema's pattern holds for every code the validators accept (spaces and lower case included) and
    leaves the refusal of a wrong form to them, with their message."""
    import re

    pattern = re.compile(TypeAdapter(kind).json_schema()["pattern"])
    accepted = [c for c in (USCC_EXAMPLE, RESIDENT_ID_EXAMPLE, " " + USCC_EXAMPLE.lower() + " ")
                if not isinstance(_outcome(kind, c), Exception)]
    assert accepted and all(pattern.search(c) for c in accepted)
    assert not pattern.search("91410500MA44X0000") and "18" in str(_outcome(kind, "91410500MA44X0000"))


def _outcome(kind, code: str):
    try:
        return TypeAdapter(kind).validate_python(code)
    except ValidationError as e:
        return e
