#pragma once

#include "contacts/Contact.h"
#include "mutations/Mutator.h"

#include <QCoreApplication>
#include <QVariantList>

#include <optional>

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

// A contact.createMany member read, checked and written out before the mutation is submitted, on another thread
// than the one that writes (an import's reader): exactly what contact.createMany would make of the member itself.
struct NewContact
{
    QJsonObject fields;      // the member's "fields" it was made from
    Contact contact;         // its fields as stored (normalised), its id
    QJsonObject after;       // what its audit entry records: the fields that are not empty
    QByteArray afterText;    // `after`'s compact text
    QVariantList rowValues;  // contactsql::contactValues(contact)
};
// Reads the member { "id": id, "fields": fields } as contact.createMany reads a member for a contact that does
// not exist yet. None when contact.createMany would refuse it without reading the database, or when it sets
// custom values: contact.createMany then reads the member itself. What needs the database (the company link,
// the custom-field rules, whether the id exists) is still checked by the mutator. `fieldsText`, if given, must be
// `fields`' compact text as jsonTextObject writes it (keys sorted).
std::optional<NewContact> prepareNewContact(const QString& id, const QJsonObject& fields,
                                            const QByteArray& fieldsText = QByteArray());
// contact.createMany's PreparedArguments: one NewContact per member, in the members' order. Used only when every
// member's id and fields are the ones its NewContact was made from and no contact of the chunk exists yet (a
// replay reads the members again); otherwise the members are read from the arguments.
struct PreparedNewContacts final : PreparedArguments
{
    QList<NewContact> members;
};

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
