#include "segments/SegmentFilter.h"

#include "contacts/ContactRepository.h"
#include "customfields/CustomField.h"
#include "storage/QueryInterrupt.h"
#include "storage/SqlExec.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
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

// Negative operators and their positive forms (a related value's rule is `id NOT IN (related AND positive)`).
const QHash<QString, QString>& positives()
{
    static const QHash<QString, QString> map = {{QStringLiteral("notEquals"), QStringLiteral("equals")},
                                                {QStringLiteral("notContains"), QStringLiteral("contains")},
                                                {QStringLiteral("notIn"), QStringLiteral("in")},
                                                {QStringLiteral("isEmpty"), QStringLiteral("isNotEmpty")},
                                                {QStringLiteral("hasNot"), QStringLiteral("has")}};
    return map;
}

// The condition of one rule on the expression `col` (binds appended in order).
Result<QString> condition(const SegmentField& field, const QString& col, const QString& op, const QJsonValue& value,
                          const QString& path, qint64 nowMs, QVariantList* binds)
{
    auto text = [&]() -> Result<QString> {
        if (!value.isString())
            return invalid(path, SegmentFilter::tr("the value must be text."));
        if (value.toString().trimmed().isEmpty())
            return invalid(path, SegmentFilter::tr("the value is missing."));
        return value.toString();
    };
    auto number = [&](const QJsonValue& v) -> Result<QVariant> {
        if (!v.isDouble())
            return invalid(path, SegmentFilter::tr("the value must be a number."));
        const double d = v.toDouble();
        // Whole numbers bind as integers (times, scores), others as they are (custom numbers).
        return d == double(qint64(d)) ? QVariant(qint64(d)) : QVariant(d);
    };
    using T = SegmentField::Type;

    if (op == QLatin1String("isEmpty"))
        return QStringLiteral("(%1 IS NULL OR %1 = '')").arg(col);
    if (op == QLatin1String("isNotEmpty"))
        return QStringLiteral("(%1 <> '')").arg(col);
    if (op == QLatin1String("in") || op == QLatin1String("notIn")) {
        if (!value.isArray() || value.toArray().isEmpty())
            return invalid(path, SegmentFilter::tr("the value must be a list of at least one choice."));
        for (const QJsonValue& v : value.toArray()) {
            if (!v.isString())
                return invalid(path, SegmentFilter::tr("every choice must be text."));
            binds->append(v.toString());
        }
        const QString marks = placeholders(value.toArray().size());
        // A NULL (a contact with no linked company) is none of the choices: it belongs to "not in".
        if (op == QLatin1String("in"))
            return QStringLiteral("(%1 IN (%2))").arg(col, marks);
        return QStringLiteral("(%1 IS NULL OR %1 NOT IN (%2))").arg(col, marks);
    }
    if (op == QLatin1String("between")) {
        const QJsonArray range = value.toArray();
        auto from = number(range.at(0));
        auto to = number(range.at(1));
        if (range.size() != 2 || !from || !to)
            return invalid(path, SegmentFilter::tr("the value must be two numbers: from and to."));
        binds->append(*from);
        binds->append(*to);
        return QStringLiteral("(%1 BETWEEN ? AND ?)").arg(col);
    }
    if (op == QLatin1String("withinLastDays")) {
        auto days = number(value);
        if (!days || days->toDouble() < 0)
            return invalid(path, SegmentFilter::tr("the value must be a number of days."));
        binds->append(nowMs - qint64(days->toDouble() * double(kDayMs)));
        return QStringLiteral("(%1 >= ?)").arg(col);
    }
    if (field.type == T::Number || field.type == T::Time) {
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
    const bool negative = positives().contains(op);
    const QString no = negative ? QStringLiteral("NOT ") : QString();
    switch (field.type) {
    case T::Set:
        binds->append(*t);
        return QStringLiteral("(%1%2 = ?)").arg(no, col);
    case T::MultiChoice: {
        // The stored JSON array holds the choice as a JSON string: look for exactly that, quotes included.
        QString quoted = QString::fromUtf8(QJsonDocument(QJsonArray{*t}).toJson(QJsonDocument::Compact));
        binds->append(quoted.mid(1, quoted.size() - 2));
        return QStringLiteral("(%1instr(%2, ?) > 0)").arg(no, col);
    }
    case T::Tags: {
        // The full-text index narrows to contacts with the tag's words (tags are words of search_text);
        // the exact comma-separated list decides. A tag with no indexable word is checked on the list alone.
        const ContactQuery words = ContactQuery::parse(QLatin1Char('#') + *t);
        QString sql = QStringLiteral("(',' || %1 || ',') LIKE ? ESCAPE '\\'").arg(col);
        if (!words.match.isEmpty()) {
            binds->append(words.match);
            sql = QStringLiteral("rid IN (SELECT docid FROM contacts_fts WHERE contacts_fts MATCH ?) AND ") + sql;
        }
        binds->append(QString(QStringLiteral("%,") + likeLiteral(t->simplified()) + QStringLiteral(",%")));
        return QStringLiteral("(%1(%2))").arg(no, sql);
    }
    case T::Choice:
        binds->append(*t);
        return negative ? QStringLiteral("(%1 IS NULL OR %1 <> ?)").arg(col) : QStringLiteral("(%1 = ?)").arg(col);
    default:
        break;
    }
    if (op == QLatin1String("equals") || op == QLatin1String("notEquals")) {
        binds->append(*t);
        return QStringLiteral("(%1 %2 ? COLLATE NOCASE)").arg(col, negative ? QStringLiteral("<>") : QStringLiteral("="));
    }
    // contains, notContains, startsWith: LIKE folds ASCII case.
    if (op == QLatin1String("startsWith")) {
        // SQLite 3.15 does not turn a LIKE with ESCAPE into an index range: give it the range (NOCASE, as a
        // NOCASE index of the column is ordered), the LIKE decides.
        binds->append(*t);
        const char32_t last = 0x10FFFF; // above any character that can follow the prefix
        binds->append(QString(*t + QString::fromUcs4(&last, 1)));
        binds->append(QString(likeLiteral(*t) + QStringLiteral("%")));
        return QStringLiteral("(%1 >= ? COLLATE NOCASE AND %1 < ? COLLATE NOCASE AND %1 LIKE ? ESCAPE '\\')").arg(col);
    }
    binds->append(QString(QStringLiteral("%") + likeLiteral(*t) + QStringLiteral("%")));
    return QStringLiteral("(%1 %2LIKE ? ESCAPE '\\')").arg(col, no);
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
    if (field->related.isEmpty())
        return condition(*field, field->sql, op, value, path, nowMs, binds);

    // A related value: the contacts that have a matching one (or, negated, that have none).
    const bool negative = positives().contains(op);
    QVariantList own;
    auto cond = condition(*field, field->sql, positives().value(op, op), value, path, nowMs, &own);
    if (!cond)
        return cond.error();
    *binds << field->relatedBinds << own;
    return QStringLiteral("(id %1IN (%2 AND %3))").arg(negative ? QStringLiteral("NOT ") : QString(), field->related, *cond);
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
    case SegmentField::Type::Tags:
    case SegmentField::Type::MultiChoice:
        return {QStringLiteral("has"), QStringLiteral("hasNot"), QStringLiteral("isEmpty"), QStringLiteral("isNotEmpty")};
    }
    return {};
}

QString SegmentFields::operatorLabel(const QString& op)
{
    static const QHash<QString, const char*> labels = {
        {QStringLiteral("equals"), QT_TR_NOOP("is")},
        {QStringLiteral("notEquals"), QT_TR_NOOP("is not")},
        {QStringLiteral("contains"), QT_TR_NOOP("contains")},
        {QStringLiteral("notContains"), QT_TR_NOOP("does not contain")},
        {QStringLiteral("startsWith"), QT_TR_NOOP("starts with")},
        {QStringLiteral("isEmpty"), QT_TR_NOOP("is empty")},
        {QStringLiteral("isNotEmpty"), QT_TR_NOOP("is not empty")},
        {QStringLiteral("in"), QT_TR_NOOP("is one of")},
        {QStringLiteral("notIn"), QT_TR_NOOP("is none of")},
        {QStringLiteral("lessThan"), QT_TR_NOOP("is less than")},
        {QStringLiteral("greaterThan"), QT_TR_NOOP("is greater than")},
        {QStringLiteral("between"), QT_TR_NOOP("is between")},
        {QStringLiteral("before"), QT_TR_NOOP("is before")},
        {QStringLiteral("after"), QT_TR_NOOP("is after")},
        {QStringLiteral("withinLastDays"), QT_TR_NOOP("is within the last (days)")},
        {QStringLiteral("has"), QT_TR_NOOP("has")},
        {QStringLiteral("hasNot"), QT_TR_NOOP("does not have")},
    };
    const char* label = labels.value(op);
    return label ? tr(label) : op;
}

SegmentFields& SegmentFields::standard()
{
    static SegmentFields fields = [] {
        using T = SegmentField::Type;
        SegmentFields f;
        auto column = [](QString key, QString label, T type, QString sql) {
            SegmentField field;
            field.key = std::move(key);
            field.label = std::move(label);
            field.type = type;
            field.sql = std::move(sql);
            return field;
        };
        f.add(column(QStringLiteral("firstName"), tr("First name"), T::Text, QStringLiteral("first_name")));
        f.add(column(QStringLiteral("lastName"), tr("Last name"), T::Text, QStringLiteral("last_name")));
        f.add(column(QStringLiteral("email"), tr("E-mail"), T::Text, QStringLiteral("email")));
        f.add(column(QStringLiteral("phone"), tr("Phone"), T::Text, QStringLiteral("phone")));
        f.add(column(QStringLiteral("company"), tr("Company"), T::Text, QStringLiteral("company")));
        f.add(column(QStringLiteral("street"), tr("Street"), T::Text, QStringLiteral("street")));
        f.add(column(QStringLiteral("postalCode"), tr("Postal code"), T::Text, QStringLiteral("postal_code")));
        f.add(column(QStringLiteral("city"), tr("City"), T::Text, QStringLiteral("city")));
        f.add(column(QStringLiteral("country"), tr("Country"), T::Choice, QStringLiteral("country")));
        f.add(column(QStringLiteral("notes"), tr("Notes"), T::Text, QStringLiteral("notes")));
        f.add(column(QStringLiteral("owner"), tr("Owner"), T::Choice, QStringLiteral("owner_id")));
        f.add(column(QStringLiteral("createdAt"), tr("Created"), T::Time, QStringLiteral("created_at")));
        f.add(column(QStringLiteral("updatedAt"), tr("Last changed"), T::Time, QStringLiteral("updated_at")));
        f.add(column(QStringLiteral("tags"), tr("Tags"), T::Tags, QStringLiteral("tags")));
        f.add(column(QStringLiteral("linkedCompany"), tr("Linked company"), T::Choice, QStringLiteral("company_id")));
        // A score of any of the contact's leads: "score ≥ 50" is "has a lead scoring at least 50"; a negative
        // rule is the complement ("is not 50" also matches contacts without a lead).
        SegmentField score = column(QStringLiteral("leadScore"), tr("Lead score"), T::Number, QStringLiteral("lead_scores.score"));
        score.related = QStringLiteral("SELECT leads.contact_id FROM lead_scores JOIN leads ON leads.id = lead_scores.lead_id "
                                       "WHERE leads.contact_id <> ''");
        f.add(score);
        // Consent to a purpose, in force now (privacy): e.g. only people who agreed to the newsletter.
        SegmentField consent = column(QStringLiteral("consent"), tr("Consent in force"), T::Set, QStringLiteral("purpose"));
        consent.related = QStringLiteral("SELECT contact_id FROM consents WHERE withdrawn_at IS NULL AND (expires_at IS NULL OR "
                                         "expires_at > CAST(strftime('%s', 'now') AS INTEGER) * 1000)");
        f.add(consent);
        return f;
    }();
    return fields;
}

Result<SegmentFields> SegmentFields::forDatabase(QSqlDatabase& db)
{
    auto defined = CustomFields::definitions(db, QStringLiteral("contact"), true);
    if (!defined)
        return defined.error();
    SegmentFields fields = standard();
    using CT = CustomField::Type;
    using T = SegmentField::Type;
    for (const CustomField& c : defined.value()) {
        SegmentField f;
        f.key = c.memberName();
        f.label = c.label;
        f.related = QStringLiteral("SELECT record_id FROM custom_values WHERE entity = 'contact' AND field_key = ?");
        f.relatedBinds = {c.key};
        f.choices = c.options;
        f.retired = c.retired;
        switch (c.type) {
        case CT::Text:
            f.type = T::Text;
            break;
        case CT::Choice:
            f.type = T::Choice;
            break;
        case CT::MultiChoice:
            f.type = T::MultiChoice;
            break;
        case CT::Number:
            f.type = T::Number;
            break;
        case CT::Date:
            f.type = T::Time; // value_num: the day's UTC midnight
            break;
        }
        f.sql = f.type == T::Number || f.type == T::Time ? QStringLiteral("value_num") : QStringLiteral("value_text");
        fields.add(std::move(f));
    }
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

Result<qint64> SegmentFilter::count(QSqlDatabase& db, const Sql& sql, const std::atomic_bool* cancel)
{
    const QueryInterrupt interrupt(db, cancel);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE ") + sql.where);
    for (const QVariant& b : sql.binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next()) {
        if (cancel && cancel->load())
            return Error(ErrorCode::Cancelled, tr("The count was cancelled."));
        return Error(ErrorCode::Database, tr("Could not count the segment: %1").arg(q.lastError().text()));
    }
    return q.value(0).toLongLong();
}

} // namespace outpost
