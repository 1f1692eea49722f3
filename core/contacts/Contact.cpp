#include "contacts/Contact.h"

#include "util/TextFold.h"

namespace outpost {

const QStringList& Contact::fieldNames()
{
    static const QStringList names = {
        QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("email"),
        QStringLiteral("phone"),     QStringLiteral("company"),  QStringLiteral("street"),
        QStringLiteral("postalCode"), QStringLiteral("city"),    QStringLiteral("country"),
        QStringLiteral("notes"),     QStringLiteral("ownerId"),
    };
    return names;
}

QString Contact::field(const QString& name) const
{
    if (name == QLatin1String("firstName")) return firstName;
    if (name == QLatin1String("lastName")) return lastName;
    if (name == QLatin1String("email")) return email;
    if (name == QLatin1String("phone")) return phone;
    if (name == QLatin1String("company")) return company;
    if (name == QLatin1String("street")) return street;
    if (name == QLatin1String("postalCode")) return postalCode;
    if (name == QLatin1String("city")) return city;
    if (name == QLatin1String("country")) return country;
    if (name == QLatin1String("notes")) return notes;
    if (name == QLatin1String("ownerId")) return ownerId;
    return {};
}

bool Contact::setField(const QString& name, const QString& value)
{
    QString* target = nullptr;
    if (name == QLatin1String("firstName")) target = &firstName;
    else if (name == QLatin1String("lastName")) target = &lastName;
    else if (name == QLatin1String("email")) target = &email;
    else if (name == QLatin1String("phone")) target = &phone;
    else if (name == QLatin1String("company")) target = &company;
    else if (name == QLatin1String("street")) target = &street;
    else if (name == QLatin1String("postalCode")) target = &postalCode;
    else if (name == QLatin1String("city")) target = &city;
    else if (name == QLatin1String("country")) target = &country;
    else if (name == QLatin1String("notes")) target = &notes;
    else if (name == QLatin1String("ownerId")) target = &ownerId;
    if (!target)
        return false;
    *target = value;
    return true;
}

QJsonObject Contact::fieldsToJson() const
{
    QJsonObject o;
    for (const QString& f : fieldNames())
        o.insert(f, field(f));
    return o;
}

QString Contact::displayNameFor(const QString& firstName, const QString& lastName, const QString& company,
                                const QString& email)
{
    const QString name = QString(firstName + QLatin1Char(' ') + lastName).trimmed();
    if (!name.isEmpty())
        return name;
    if (!company.isEmpty())
        return company;
    if (!email.isEmpty())
        return email;
    return tr("(no name)");
}

QString Contact::displayName() const
{
    return displayNameFor(firstName, lastName, company, email);
}

QString Contact::sortKeyFor(const QString& firstName, const QString& lastName, const QString& company,
                            const QString& email)
{
    // "last␁first": U+0001 sorts before every letter, so "Li, Anna" comes before "Lia, Bo".
    if (!lastName.trimmed().isEmpty() || !firstName.trimmed().isEmpty())
        return foldText(lastName.trimmed()) + QChar(0x01) + foldText(firstName.trimmed());
    if (!company.trimmed().isEmpty())
        return foldText(company.trimmed());
    return foldText(email.trimmed());
}

QString Contact::searchTextFor(const QString& firstName, const QString& lastName, const QString& email,
                               const QString& company)
{
    return foldText(firstName + QLatin1Char(' ') + lastName + QLatin1Char(' ') + email + QLatin1Char(' ') + company);
}

QString Contact::phoneSearchFor(const QString& phone)
{
    // The number as typed in several forms, so "0170 123", "170123" and "+49170123" all find it.
    const QString digits = digitsOnly(phone);
    if (digits.isEmpty())
        return {};
    QStringList forms{digits};
    const QString trimmedPhone = phone.trimmed();
    if (trimmedPhone.startsWith(QLatin1Char('+')) || trimmedPhone.startsWith(QLatin1String("00"))) {
        const QString international = trimmedPhone.startsWith(QLatin1String("00")) ? digits.mid(2) : digits;
        if (international != digits)
            forms << international;
        // Country codes are 1–3 digits; the national significant number follows. Offer the national
        // number with and without the trunk prefix 0.
        for (int cc = 1; cc <= 3 && cc < international.size(); ++cc) {
            const QString national = international.mid(cc);
            if (national.size() >= 4) {
                forms << national;
                if (!national.startsWith(QLatin1Char('0')))
                    forms << QLatin1Char('0') + national;
            }
        }
    } else if (digits.startsWith(QLatin1Char('0')) && digits.size() > 1) {
        forms << digits.mid(1);
    }
    forms.removeDuplicates();
    return forms.join(QLatin1Char(' '));
}

} // namespace outpost
