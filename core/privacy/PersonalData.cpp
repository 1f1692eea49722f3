#include "privacy/PersonalData.h"

namespace outpost {

const QList<PersonalEntity>& personalData()
{
    using R = PersonalField::Replacement;
    static const QList<PersonalEntity> list = {
        // The person. Company (a business name, and the contact's link to a company record) and country are
        // kept: they place the pseudonymised record in reports without identifying anyone.
        {QStringLiteral("contact"), QStringLiteral("contacts"), QStringLiteral("id"),
         {
             {QStringLiteral("first_name"), QStringLiteral("firstName"), R::Empty},
             {QStringLiteral("last_name"), QStringLiteral("lastName"), R::Pseudonym},
             {QStringLiteral("email"), QStringLiteral("email"), R::Empty},
             {QStringLiteral("phone"), QStringLiteral("phone"), R::Empty},
             {QStringLiteral("street"), QStringLiteral("street"), R::Empty},
             {QStringLiteral("postal_code"), QStringLiteral("postalCode"), R::Empty},
             {QStringLiteral("city"), QStringLiteral("city"), R::Empty},
             {QStringLiteral("notes"), QStringLiteral("notes"), R::Empty},
             {QStringLiteral("other_emails"), QStringLiteral("otherEmails"), R::Empty},
             {QStringLiteral("other_phones"), QStringLiteral("otherPhones"), R::Empty},
             {QStringLiteral("other_addresses"), QStringLiteral("otherAddresses"), R::Empty},
             {QStringLiteral("tags"), QStringLiteral("tags"), R::Empty},
         }},
        // Their distributor record stays (genealogy, orders, commissions) under the pseudonym.
        {QStringLiteral("distributor"), QStringLiteral("distributors"), QStringLiteral("contact_id"),
         {
             {QStringLiteral("display_name"), QStringLiteral("displayName"), R::Pseudonym},
             {QStringLiteral("sort_key"), QString(), R::FoldedPseudonym},
         }},
    };
    return list;
}

const QList<PersonalField>& personalJsonKeys()
{
    static const QList<PersonalField> keys = [] {
        QList<PersonalField> out;
        for (const PersonalEntity& e : personalData()) {
            for (const PersonalField& f : e.fields) {
                if (!f.jsonKey.isEmpty())
                    out.append(f);
            }
        }
        return out;
    }();
    return keys;
}

} // namespace outpost
