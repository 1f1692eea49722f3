#pragma once

#include "mutations/Mutator.h"

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// contact.create@1 { id, fields: { firstName, lastName, email, phone, company, street, postalCode, city,
//                                  country, notes, ownerId } }
// contact.update@1 { id, set: { <field>: <value>, … } }
// contact.delete@1 { id }
void registerContactMutators(MutationRegistry& registry);

// Checks contact field values; returns a user-readable problem or an empty string.
class ContactValidation
{
    Q_DECLARE_TR_FUNCTIONS(ContactValidation)
public:
    static QString problemWith(const QString& field, const QString& value);
    static bool isValidEmail(const QString& email);
};

} // namespace outpost
