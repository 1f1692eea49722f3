#include "importexport/ContactFieldLabels.h"

#include "contacts/Contact.h"

namespace outpost {

QString ContactFieldLabels::label(const QString& field)
{
    static const std::pair<const char*, const char*> labels[] = {
        {"firstName", QT_TR_NOOP("First name")},   {"lastName", QT_TR_NOOP("Last name")},
        {"email", QT_TR_NOOP("E-mail")},           {"phone", QT_TR_NOOP("Phone")},
        {"company", QT_TR_NOOP("Company")},        {"street", QT_TR_NOOP("Street")},
        {"postalCode", QT_TR_NOOP("Postal code")}, {"city", QT_TR_NOOP("City")},
        {"country", QT_TR_NOOP("Country")},        {"notes", QT_TR_NOOP("Notes")},
        {"ownerId", QT_TR_NOOP("Owner (user id)")},
        {"companyId", QT_TR_NOOP("Linked company (id)")},
        {"otherEmails", QT_TR_NOOP("Other e-mails")},
        {"otherPhones", QT_TR_NOOP("Other phones")},
        {"otherAddresses", QT_TR_NOOP("Other addresses")},
        {"tags", QT_TR_NOOP("Tags")},
    };
    for (const auto& [key, text] : labels)
        if (field == QLatin1String(key))
            return tr(text);
    return field;
}

QStringList ContactFieldLabels::importableFields()
{
    return Contact::fieldNames();
}

} // namespace outpost
