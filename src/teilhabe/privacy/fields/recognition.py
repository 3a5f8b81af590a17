"""A recognition procedure belongs to the certificate it is about: education data of the
person's case file. Anonymisation keeps the body, dates and decision (the aggregates count
procedures and their duration) and erases the free texts."""

from teilhabe.privacy.classification import ERASE, NONE, base, personal

EDUCATION = personal("education")

CLASSIFICATION = {
    "RecognitionProcedure": base(
        alliance=NONE,
        certificate=EDUCATION,
        body=EDUCATION,
        applied_on=EDUCATION,
        documents=EDUCATION,
        decision=EDUCATION,
        decided_on=EDUCATION,
        reference_qualification=personal("education", ERASE),
        note=personal("education", ERASE),
    ),
}
