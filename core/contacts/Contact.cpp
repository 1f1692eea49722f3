#include "contacts/Contact.h"

#include "contacts/LabelledValues.h"
#include "util/TextFold.h"

namespace outpost {

const QStringList& Contact::fieldNames()
{
    static const QStringList names = {
        QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("email"),
        QStringLiteral("phone"),     QStringLiteral("company"),  QStringLiteral("street"),
        QStringLiteral("postalCode"), QStringLiteral("city"),    QStringLiteral("country"),
        QStringLiteral("notes"),     QStringLiteral("ownerId"),  QStringLiteral("companyId"),
        QStringLiteral("otherEmails"), QStringLiteral("otherPhones"), QStringLiteral("otherAddresses"),
        QStringLiteral("tags"),
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
    if (name == QLatin1String("companyId")) return companyId;
    if (name == QLatin1String("otherEmails")) return otherEmails;
    if (name == QLatin1String("otherPhones")) return otherPhones;
    if (name == QLatin1String("otherAddresses")) return otherAddresses;
    if (name == QLatin1String("tags")) return tags;
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
    else if (name == QLatin1String("companyId")) target = &companyId;
    else if (name == QLatin1String("otherEmails")) target = &otherEmails;
    else if (name == QLatin1String("otherPhones")) target = &otherPhones;
    else if (name == QLatin1String("otherAddresses")) target = &otherAddresses;
    else if (name == QLatin1String("tags")) target = &tags;
    if (!target)
        return false;
    *target = value;
    return true;
}

QJsonObject Contact::fieldsToJson() const
{
    return fieldsJson().object;
}

JsonTextObject Contact::fieldsJson() const
{
    static const QStringList sorted = [] {
        QStringList names = fieldNames();
        names.sort();
        return names;
    }();
    QList<std::pair<QString, QString>> members;
    members.reserve(sorted.size());
    for (const QString& f : sorted)
        members.append({f, field(f)});
    return jsonTextObject(std::move(members));
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

QString Contact::searchText() const
{
    // Folded words split exactly where the full-text tokenizer splits (see foldedWordText).
    QStringList parts{firstName, lastName, email, company, city};
    for (const LabelledValue& e : LabelledValues::values(otherEmails))
        parts << e.value;
    parts << tagList(tags);
    return foldedWordText(parts.join(QLatin1Char(' ')));
}

namespace {
// Length of the ITU-T E.164 country calling code at the start of an international number.
int callingCodeLength(const QString& digits)
{
    if (digits.isEmpty())
        return 0;
    const QChar first = digits.at(0);
    if (first == QLatin1Char('1') || first == QLatin1Char('7'))
        return 1;
    static const QStringList twoDigit = {
        QStringLiteral("20"), QStringLiteral("27"), QStringLiteral("30"), QStringLiteral("31"), QStringLiteral("32"),
        QStringLiteral("33"), QStringLiteral("34"), QStringLiteral("36"), QStringLiteral("39"), QStringLiteral("40"),
        QStringLiteral("41"), QStringLiteral("43"), QStringLiteral("44"), QStringLiteral("45"), QStringLiteral("46"),
        QStringLiteral("47"), QStringLiteral("48"), QStringLiteral("49"), QStringLiteral("51"), QStringLiteral("52"),
        QStringLiteral("53"), QStringLiteral("54"), QStringLiteral("55"), QStringLiteral("56"), QStringLiteral("57"),
        QStringLiteral("58"), QStringLiteral("60"), QStringLiteral("61"), QStringLiteral("62"), QStringLiteral("63"),
        QStringLiteral("64"), QStringLiteral("65"), QStringLiteral("66"), QStringLiteral("81"), QStringLiteral("82"),
        QStringLiteral("84"), QStringLiteral("86"), QStringLiteral("90"), QStringLiteral("91"), QStringLiteral("92"),
        QStringLiteral("93"), QStringLiteral("94"), QStringLiteral("95"), QStringLiteral("98"),
    };
    return twoDigit.contains(digits.left(2)) ? 2 : 3;
}
} // namespace

QString Contact::phoneSearchFor(const QString& phone)
{
    // The number in the forms people type: international digits ("4917012345"), and the national
    // number with and without the trunk prefix ("017012345", "17012345").
    QString digits = digitsOnly(phone);
    if (digits.isEmpty())
        return {};
    const QString trimmed = phone.trimmed();
    const bool international = trimmed.startsWith(QLatin1Char('+')) || trimmed.startsWith(QLatin1String("00"));
    if (trimmed.startsWith(QLatin1String("00")))
        digits = digits.mid(2);
    QStringList forms{digits};
    QString national = digits;
    if (international)
        national = digits.mid(callingCodeLength(digits));
    else if (national.startsWith(QLatin1Char('0')))
        national = national.mid(1);
    if (national.size() >= 4 && national != digits) {
        forms << national;
        if (!national.startsWith(QLatin1Char('0')))
            forms << QLatin1Char('0') + national;
    }
    forms.removeDuplicates();
    return forms.join(QLatin1Char(' '));
}

QString Contact::phoneSearch() const
{
    const QList<LabelledValue> others = LabelledValues::values(otherPhones);
    if (others.isEmpty())
        return phoneSearchFor(phone);
    QStringList forms = phoneSearchFor(phone).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const LabelledValue& e : others)
        forms << phoneSearchFor(e.value).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    forms.removeDuplicates();
    return forms.join(QLatin1Char(' '));
}

QStringList Contact::tagList(const QString& tags)
{
    QStringList out;
    for (const QString& part : tags.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString tag = part.simplified();
        if (tag.isEmpty())
            continue;
        if (!out.contains(tag, Qt::CaseInsensitive))
            out << tag;
    }
    return out;
}

QString Contact::normalizeTags(const QString& tags)
{
    return tagList(tags).join(QLatin1Char(','));
}

} // namespace outpost
