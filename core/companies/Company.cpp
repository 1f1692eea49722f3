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
    return foldedWordText(QStringList{name, domain, city, industry}.join(QLatin1Char(' ')));
}

} // namespace outpost
