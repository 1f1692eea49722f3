#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

namespace outpost {

// What a segment can filter contacts on. One entry per field; other areas plug theirs in at start-up
// (crm1: custom fields as a subquery on their values, tags as a Set; crm2: the lead score as a Number).
struct SegmentField
{
    enum class Type {
        Text,   // equals, notEquals, contains, notContains, startsWith, isEmpty, isNotEmpty
        Choice, // equals, notEquals, in, notIn, isEmpty, isNotEmpty (country, owner)
        Number, // equals, notEquals, lessThan, greaterThan, between
        Time,   // before, after, between (UTC ms), withinLastDays
        Set,    // has, hasNot: `sql` is a SELECT of the contact's values, correlated on contacts.id
    };
    QString key;   // in the filter JSON: "city", "country", "createdAt", …
    QString label; // for the filter editor (translated)
    Type type = Type::Text;
    QString sql;   // an expression over the contacts table (or, for Set, a correlated SELECT)
};

class SegmentFields
{
    Q_DECLARE_TR_FUNCTIONS(SegmentFields)
public:
    void add(SegmentField field);
    const SegmentField* find(const QString& key) const;
    const QList<SegmentField>& fields() const { return m_fields; }
    static QStringList operatorsFor(SegmentField::Type type);

    // The contact fields, owner and times. Mutable so other areas can add theirs at start-up.
    static SegmentFields& standard();

private:
    QList<SegmentField> m_fields;
};

// A segment's filter: AND/OR groups of rules, nested, as JSON:
//   { "match": "all" | "any", "rules": [ { "field": "city", "op": "equals", "value": "Lyon" },
//                                         { "match": "any", "rules": [ … ] } ] }
// compiled to a parameterised WHERE over `contacts` (values are always bound, never formatted into SQL).
class SegmentFilter
{
    Q_DECLARE_TR_FUNCTIONS(SegmentFilter)
public:
    struct Sql
    {
        QString where;       // "1" for an empty filter (every contact)
        QVariantList binds;
    };
    // Checks and compiles; the error names the rule ("rules[1].rules[0]: …") and says what is wrong.
    // `nowMs` anchors relative rules ("created within the last 30 days").
    static Result<Sql> compile(const QJsonObject& filter, qint64 nowMs,
                               const SegmentFields& fields = SegmentFields::standard());
    // How many contacts match.
    static Result<qint64> count(QSqlDatabase& db, const Sql& sql);
};

} // namespace outpost
