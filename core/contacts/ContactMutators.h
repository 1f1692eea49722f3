#pragma once

#include "mutations/Mutator.h"

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// contact.create@1 { id, fields: { firstName, lastName, email, phone, company, street, postalCode, city,
//                                  country, notes, ownerId, companyId, otherEmails, otherPhones,
//                                  otherAddresses, tags, "custom.<key>": value… } }
// contact.update@1 { id, set: { <field or custom.<key>>: <value>, … } }
// companyId must name an existing company; otherEmails/otherPhones/otherAddresses are LabelledValues JSON;
// custom values are checked against their definitions (CustomValueEdit) and the error names the field.
// contact.delete@1 { id }
// contact.createMany@1 { contacts: [ { id, fields }, … ] }  many contact.create in one mutation (an import's
//                                    chunk): one outbox entry; still one audit entry and sync change per contact
// contact.deleteMany@1 { ids: [ … ] }                     many contact.delete in one mutation (its undo)
// At most ContactValidation::kMaxContactsPerMutation members; all are checked before any is written.
void registerContactMutators(MutationRegistry& registry);

// Checks contact field values; returns a user-readable problem or an empty string.
class ContactValidation
{
    Q_DECLARE_TR_FUNCTIONS(ContactValidation)
public:
    static QString problemWith(const QString& field, const QString& value);
    // The value as stored (trimmed; tags and labelled lists in canonical form), with any problem in *problem.
    static QString normalize(const QString& field, const QString& value, QString* problem);
    static bool isValidEmail(const QString& email);

    // The most contacts contact.createMany / contact.deleteMany change at once.
    static constexpr int kMaxContactsPerMutation = 1000;
};

} // namespace outpost
