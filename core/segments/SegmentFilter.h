#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <atomic>

namespace outpost {

// What a segment can filter contacts on. One entry per field: the contact's columns, tags, owner, times,
// consents, the lead score and every custom field of contacts (SegmentFields::forDatabase).
struct SegmentField
{
    enum class Type {
        Text,        // equals, notEquals (NOCASE), contains, notContains, startsWith, isEmpty, isNotEmpty
        Choice,      // equals, notEquals, in, notIn (exact: choices are canonical), isEmpty, isNotEmpty
        Number,      // equals, notEquals, lessThan, greaterThan, between
        Time,        // before, after, between (UTC ms), withinLastDays
        Set,         // has, hasNot: one of the values of `related` (consents in force)
        Tags,        // has, hasNot, isEmpty, isNotEmpty: the contact's comma-separated tags
        MultiChoice, // has, hasNot, isEmpty, isNotEmpty: a JSON array of choices (custom multi choice)
    };
    QString key;   // in the filter JSON: "city", "country", "createdAt", "tags", "custom.tier", …
    QString label; // for the filter editor (translated)
    Type type = Type::Text;
    // The value's expression: over the contacts table, or, with `related`, over that query's rows.
    QString sql;
    // A SELECT of contact ids (first column) whose WHERE a rule's condition extends with AND: a rule
    // becomes `id IN (related AND <condition>)` (a negative one NOT IN the positive), so it is
    // answered from the related table's index instead of a probe per contact. `relatedBinds` are its own
    // parameters (e.g. the custom field's key), bound before the condition's.
    QString related;
    QVariantList relatedBinds;
    QStringList choices; // what the editor offers (Choice, MultiChoice, Set); empty: free input
    bool retired = false; // a retired custom field: still filters, no longer offered for new rules
};

class SegmentFields
{
    Q_DECLARE_TR_FUNCTIONS(SegmentFields)
public:
    void add(SegmentField field);
    const SegmentField* find(const QString& key) const;
    const QList<SegmentField>& fields() const { return m_fields; }
    static QStringList operatorsFor(SegmentField::Type type);
    // The operator's label for the filter editor ("is", "contains", "within the last … days").
    static QString operatorLabel(const QString& op);

    // The built-in fields. Mutable so other areas can add theirs at start-up.
    static SegmentFields& standard();
    // The built-in fields and the contacts' custom fields (as "custom.<key>") defined in `db`.
    static Result<SegmentFields> forDatabase(QSqlDatabase& db);

private:
    QList<SegmentField> m_fields;
};

// A segment's filter: AND/OR groups of rules, nested, as JSON:
//   { "match": "all" | "any", "rules": [ { "field": "city", "op": "equals", "value": "Lyon" },
//                                         { "match": "any", "rules": [ … ] } ] }
// compiled to a parameterised WHERE over `contacts` (values are always bound, never formatted into SQL).
// The WHERE names the contacts' columns unqualified: run it over the contacts table alone (an alias is fine).
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
    // How many contacts match. With `cancel`, the count stops soon after it is set (ErrorCode::Cancelled):
    // a newer edit of the filter need not wait for an older count.
    static Result<qint64> count(QSqlDatabase& db, const Sql& sql, const std::atomic_bool* cancel = nullptr);
};

} // namespace outpost
