#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace outpost {

// Where a person's personal data lives: ONE declaration per entity, read by the erasure (what to anonymise, in
// the rows and in every history that copied them) and by the person export (what to hand over). An entity
// added later (companies, extra e-mails/phones/addresses, custom values) adds its entry to personalData() and
// both follow.
struct PersonalField
{
    enum class Replacement {
        Pseudonym,       // the erased person's pseudonym ("Erased-7F3A9C21")
        FoldedPseudonym, // the pseudonym as a sort key (foldText)
        Empty,           // ''
    };
    QString column;  // in the entity's table
    QString jsonKey; // in mutation arguments, audit payloads and histories; empty: never appears in JSON
    Replacement with = Replacement::Empty;
};

struct PersonalEntity
{
    QString entity;       // the synced/audited entity name ("contact", "distributor")
    QString table;        // its table
    QString personColumn; // the column holding the person's contact id ("id" for the contact itself)
    QList<PersonalField> fields;
};

// Every entity holding personal fields, the contact first. Derived columns of a contact (sort key, search
// text, phone digits) are recomputed from its fields, not declared here.
const QList<PersonalEntity>& personalData();

// The JSON keys that hold personal values in any entity (for scrubbing histories), and what each becomes.
const QList<PersonalField>& personalJsonKeys();

} // namespace outpost
