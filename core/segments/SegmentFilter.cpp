#include "segments/SegmentFilter.h"

#include <QHash>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

constexpr int kMaxDepth = 8;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

Error invalid(const QString& where, const QString& what)
{
    return Error(ErrorCode::InvalidArgument, where.isEmpty() ? what : where + QStringLiteral(": ") + what);
}

// LIKE pattern for a literal text (ESCAPE '\').
QString likeLiteral(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    s.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    s.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return s;
}

Result<QString> compileRule(const QJsonObject& rule, const QString& path, const SegmentFields& fields, qint64 nowMs,
                            QVariantList* binds)
{
    const QString key = rule.value(QStringLiteral("field")).toString();
    const SegmentField* field = fields.find(key);
    if (!field)
        return invalid(path, SegmentFilter::tr("there is no field \"%1\" to filter on.").arg(key));
    const QString op = rule.value(QStringLiteral("op")).toString();
    if (!SegmentFields::operatorsFor(field->type).contains(op))
        return invalid(path, SegmentFilter::tr("\"%1\" cannot be used with the field \"%2\".").arg(op, field->label));
    const QJsonValue value = rule.value(QStringLiteral("value"));
    const QString col = field->sql;
    auto text = [&]() -> Result<QString> {
        if (!value.isString())
            return invalid(path, SegmentFilter::tr("the value must be text."));
        return value.toString();
    };
    auto number = [&](const QJsonValue& v) -> Result<qint64> {
        if (!v.isDouble())
            return invalid(path, SegmentFilter::tr("the value must be a number."));
        return qint64(v.toDouble());
    };

    if (op == QLatin1String("isEmpty"))
        return QStringLiteral("(%1 = '')").arg(col);
    if (op == QLatin1String("isNotEmpty"))
        return QStringLiteral("(%1 <> '')").arg(col);
    if (op == QLatin1String("in") || op == QLatin1String("notIn")) {
        if (!value.isArray() || value.toArray().isEmpty())
            return invalid(path, SegmentFilter::tr("the value must be a list of at least one choice."));
        QStringList marks;
        for (const QJsonValue& v : value.toArray()) {
            if (!v.isString())
                return invalid(path, SegmentFilter::tr("every choice must be text."));
            binds->append(v.toString());
            marks << QStringLiteral("?");
        }
        return QStringLiteral("(%1 %2 (%3))").arg(col, op == QLatin1String("in") ? QStringLiteral("IN") : QStringLiteral("NOT IN"),
                                                   marks.join(QLatin1Char(',')));
    }
    if (op == QLatin1String("between")) {
        const QJsonArray range = value.toArray();
        if (range.size() != 2)
            return invalid(path, SegmentFilter::tr("the value must be two numbers: from and to."));
        auto from = number(range.at(0));
        auto to = number(range.at(1));
        if (!from || !to)
            return invalid(path, SegmentFilter::tr("the value must be two numbers: from and to."));
        binds->append(*from);
        binds->append(*to);
        return QStringLiteral("(%1 BETWEEN ? AND ?)").arg(col);
    }
    if (op == QLatin1String("withinLastDays")) {
        auto days = number(value);
        if (!days || *days < 0)
            return invalid(path, SegmentFilter::tr("the value must be a number of days."));
        binds->append(nowMs - *days * kDayMs);
        return QStringLiteral("(%1 >= ?)").arg(col);
    }
    if (field->type == SegmentField::Type::Number || field->type == SegmentField::Type::Time) {
        auto n = number(value);
        if (!n)
            return n.error();
        binds->append(*n);
        static const QHash<QString, QString> cmp = {{QStringLiteral("equals"), QStringLiteral("=")},
                                                    {QStringLiteral("notEquals"), QStringLiteral("<>")},
                                                    {QStringLiteral("lessThan"), QStringLiteral("<")},
                                                    {QStringLiteral("greaterThan"), QStringLiteral(">")},
                                                    {QStringLiteral("before"), QStringLiteral("<")},
                                                    {QStringLiteral("after"), QStringLiteral(">")}};
        return QStringLiteral("(%1 %2 ?)").arg(col, cmp.value(op));
    }
    auto t = text();
    if (!t)
        return t.error();
    if (field->type == SegmentField::Type::Set) {
        binds->append(*t);
        return QStringLiteral("(%1? IN (%2))").arg(op == QLatin1String("hasNot") ? QStringLiteral("NOT ") : QString(), col);
    }
    if (op == QLatin1String("equals") || op == QLatin1String("notEquals")) {
        binds->append(*t);
        return QStringLiteral("(%1 %2 ? COLLATE NOCASE)").arg(col, op == QLatin1String("equals") ? QStringLiteral("=")
                                                                                                 : QStringLiteral("<>"));
    }
    // contains, notContains, startsWith: LIKE folds ASCII case.
    const bool starts = op == QLatin1String("startsWith");
    binds->append(QString((starts ? QString() : QStringLiteral("%")) + likeLiteral(*t) + QStringLiteral("%")));
    return QStringLiteral("(%1 %2LIKE ? ESCAPE '\\')").arg(col, op == QLatin1String("notContains") ? QStringLiteral("NOT ") : QString());
}

Result<QString> compileGroup(const QJsonObject& group, const QString& path, int depth, const SegmentFields& fields,
                             qint64 nowMs, QVariantList* binds)
{
    if (depth > kMaxDepth)
        return invalid(path, SegmentFilter::tr("groups are nested too deeply (at most %1 levels).").arg(kMaxDepth));
    const QString match = group.value(QStringLiteral("match")).toString(QStringLiteral("all"));
    if (match != QLatin1String("all") && match != QLatin1String("any"))
        return invalid(path, SegmentFilter::tr("\"match\" must be \"all\" or \"any\"."));
    const QJsonValue rulesValue = group.value(QStringLiteral("rules"));
    if (!rulesValue.isUndefined() && !rulesValue.isArray())
        return invalid(path, SegmentFilter::tr("\"rules\" must be a list."));
    const QJsonArray rules = rulesValue.toArray();
    if (rules.isEmpty())
        return QStringLiteral("1"); // an empty group matches every contact
    QStringList parts;
    for (int i = 0; i < rules.size(); ++i) {
        const QString at = (path.isEmpty() ? QString() : path + QLatin1Char('.')) + QStringLiteral("rules[%1]").arg(i);
        if (!rules.at(i).isObject())
            return invalid(at, SegmentFilter::tr("a rule must be an object."));
        const QJsonObject r = rules.at(i).toObject();
        auto part = r.contains(QStringLiteral("rules")) || r.contains(QStringLiteral("match"))
                        ? compileGroup(r, at, depth + 1, fields, nowMs, binds)
                        : compileRule(r, at, fields, nowMs, binds);
        if (!part)
            return part.error();
        parts << part.value();
    }
    return QStringLiteral("(%1)").arg(parts.join(match == QLatin1String("all") ? QStringLiteral(" AND ") : QStringLiteral(" OR ")));
}

} // namespace

void SegmentFields::add(SegmentField field)
{
    for (SegmentField& f : m_fields) {
        if (f.key == field.key) {
            f = std::move(field);
            return;
        }
    }
    m_fields.append(std::move(field));
}

const SegmentField* SegmentFields::find(const QString& key) const
{
    for (const SegmentField& f : m_fields) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

QStringList SegmentFields::operatorsFor(SegmentField::Type type)
{
    switch (type) {
    case SegmentField::Type::Text:
        return {QStringLiteral("equals"),     QStringLiteral("notEquals"), QStringLiteral("contains"),
                QStringLiteral("notContains"), QStringLiteral("startsWith"), QStringLiteral("isEmpty"),
                QStringLiteral("isNotEmpty")};
    case SegmentField::Type::Choice:
        return {QStringLiteral("equals"), QStringLiteral("notEquals"), QStringLiteral("in"), QStringLiteral("notIn"),
                QStringLiteral("isEmpty"), QStringLiteral("isNotEmpty")};
    case SegmentField::Type::Number:
        return {QStringLiteral("equals"), QStringLiteral("notEquals"), QStringLiteral("lessThan"),
                QStringLiteral("greaterThan"), QStringLiteral("between")};
    case SegmentField::Type::Time:
        return {QStringLiteral("before"), QStringLiteral("after"), QStringLiteral("between"),
                QStringLiteral("withinLastDays")};
    case SegmentField::Type::Set:
        return {QStringLiteral("has"), QStringLiteral("hasNot")};
    }
    return {};
}

SegmentFields& SegmentFields::standard()
{
    static SegmentFields fields = [] {
        using T = SegmentField::Type;
        SegmentFields f;
        f.add({QStringLiteral("firstName"), tr("First name"), T::Text, QStringLiteral("first_name")});
        f.add({QStringLiteral("lastName"), tr("Last name"), T::Text, QStringLiteral("last_name")});
        f.add({QStringLiteral("email"), tr("E-mail"), T::Text, QStringLiteral("email")});
        f.add({QStringLiteral("phone"), tr("Phone"), T::Text, QStringLiteral("phone")});
        f.add({QStringLiteral("company"), tr("Company"), T::Text, QStringLiteral("company")});
        f.add({QStringLiteral("street"), tr("Street"), T::Text, QStringLiteral("street")});
        f.add({QStringLiteral("postalCode"), tr("Postal code"), T::Text, QStringLiteral("postal_code")});
        f.add({QStringLiteral("city"), tr("City"), T::Text, QStringLiteral("city")});
        f.add({QStringLiteral("country"), tr("Country"), T::Choice, QStringLiteral("country")});
        f.add({QStringLiteral("notes"), tr("Notes"), T::Text, QStringLiteral("notes")});
        f.add({QStringLiteral("owner"), tr("Owner"), T::Choice, QStringLiteral("owner_id")});
        f.add({QStringLiteral("createdAt"), tr("Created"), T::Time, QStringLiteral("created_at")});
        f.add({QStringLiteral("updatedAt"), tr("Last changed"), T::Time, QStringLiteral("updated_at")});
        // Consent to a purpose, in force now (privacy): e.g. only people who agreed to the newsletter.
        f.add({QStringLiteral("consent"), tr("Consent in force"), T::Set,
               QStringLiteral("SELECT purpose FROM consents WHERE consents.contact_id = contacts.id AND "
                              "withdrawn_at IS NULL AND (expires_at IS NULL OR expires_at > "
                              "CAST(strftime('%s', 'now') AS INTEGER) * 1000)")});
        return f;
    }();
    return fields;
}

Result<SegmentFilter::Sql> SegmentFilter::compile(const QJsonObject& filter, qint64 nowMs, const SegmentFields& fields)
{
    Sql sql;
    auto where = compileGroup(filter, QString(), 0, fields, nowMs, &sql.binds);
    if (!where)
        return where.error();
    sql.where = where.value();
    return sql;
}

Result<qint64> SegmentFilter::count(QSqlDatabase& db, const Sql& sql)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE ") + sql.where);
    for (const QVariant& b : sql.binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return Error(ErrorCode::Database, tr("Could not count the segment: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

} // namespace outpost
