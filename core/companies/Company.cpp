#include "companies/Company.h"

#include "util/TextFold.h"

namespace outpost {

namespace {
struct FieldColumn
{
    const char* field;
    const char* column;
    QString Company::*member;
};

const FieldColumn kFields[] = {
    {"name", "name", &Company::name},
    {"domain", "domain", &Company::domain},
    {"phone", "phone", &Company::phone},
    {"email", "email", &Company::email},
    {"street", "street", &Company::street},
    {"postalCode", "postal_code", &Company::postalCode},
    {"city", "city", &Company::city},
    {"country", "country", &Company::country},
    {"industry", "industry", &Company::industry},
    {"notes", "notes", &Company::notes},
    {"ownerId", "owner_id", &Company::ownerId},
};

// Folded words split where the full-text tokenizer splits, as Contact::searchText does.
QString words(const QString& text)
{
    const QString folded = foldText(text);
    QString out;
    bool space = true;
    for (QChar c : folded) {
        if (c.isLetterOrNumber()) {
            out += c;
            space = false;
        } else if (!space) {
            out += QLatin1Char(' ');
            space = true;
        }
    }
    if (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}
} // namespace

const QStringList& Company::fieldNames()
{
    static const QStringList names = [] {
        QStringList out;
        for (const FieldColumn& f : kFields)
            out << QLatin1String(f.field);
        return out;
    }();
    return names;
}

const QStringList& Company::columnNames()
{
    static const QStringList names = [] {
        QStringList out;
        for (const FieldColumn& f : kFields)
            out << QLatin1String(f.column);
        return out;
    }();
    return names;
}

QString Company::field(const QString& fieldName) const
{
    for (const FieldColumn& f : kFields) {
        if (fieldName == QLatin1String(f.field))
            return this->*f.member;
    }
    return {};
}

bool Company::setField(const QString& fieldName, const QString& value)
{
    for (const FieldColumn& f : kFields) {
        if (fieldName == QLatin1String(f.field)) {
            this->*f.member = value;
            return true;
        }
    }
    return false;
}

QJsonObject Company::fieldsToJson() const
{
    QJsonObject o;
    for (const FieldColumn& f : kFields)
        o.insert(QLatin1String(f.field), this->*f.member);
    return o;
}

QString Company::sortKey() const
{
    return foldText(name.trimmed());
}

QString Company::searchText() const
{
    return words(QStringList{name, domain, city, industry}.join(QLatin1Char(' ')));
}

} // namespace outpost
