#include "customfields/CustomField.h"

#include "storage/SqlDialect.h"
#include "storage/SqlExec.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace outpost {

namespace {

constexpr int kDefaultMaxLength = 1000;

const QString kColumns = QStringLiteral("id, entity, key, label, type, options, required, rules, position, retired");

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, CustomFields::tr("Could not read the custom fields: %1").arg(q.lastError().text()));
}

QJsonValue parseJson(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isArray())
        return doc.array();
    if (doc.isObject())
        return doc.object();
    return {};
}

CustomField readField(const QSqlQuery& q)
{
    CustomField f;
    f.id = q.value(0).toString();
    f.entity = q.value(1).toString();
    f.key = q.value(2).toString();
    f.label = q.value(3).toString();
    f.type = CustomField::typeFrom(q.value(4).toString()).value_or(CustomField::Type::Text);
    for (const QJsonValue& o : parseJson(q.value(5).toString()).toArray())
        f.options << o.toString();
    f.required = q.value(6).toInt() != 0;
    const QJsonObject rules = parseJson(q.value(7).toString()).toObject();
    if (rules.value(QStringLiteral("min")).isDouble())
        f.min = rules.value(QStringLiteral("min")).toDouble();
    if (rules.value(QStringLiteral("max")).isDouble())
        f.max = rules.value(QStringLiteral("max")).toDouble();
    f.maxLength = rules.value(QStringLiteral("maxLength")).toInt();
    f.regex = rules.value(QStringLiteral("regex")).toString();
    f.position = q.value(8).toInt();
    f.retired = q.value(9).toInt() != 0;
    return f;
}

Error invalidValue(const CustomField& f, const QString& why)
{
    return Error(ErrorCode::InvalidArgument, CustomFields::tr("\u201c%1\u201d: %2").arg(f.label, why));
}

QString numberText(double v)
{
    return QLocale::c().toString(v, 'g', 15);
}

} // namespace

QString CustomField::typeName(Type type)
{
    switch (type) {
    case Type::Text: return QStringLiteral("text");
    case Type::Number: return QStringLiteral("number");
    case Type::Date: return QStringLiteral("date");
    case Type::Choice: return QStringLiteral("choice");
    case Type::MultiChoice: return QStringLiteral("multichoice");
    }
    return {};
}

std::optional<CustomField::Type> CustomField::typeFrom(const QString& name)
{
    for (Type t : {Type::Text, Type::Number, Type::Date, Type::Choice, Type::MultiChoice}) {
        if (typeName(t) == name)
            return t;
    }
    return std::nullopt;
}

QJsonObject CustomField::rulesToJson() const
{
    QJsonObject o;
    if (min)
        o.insert(QStringLiteral("min"), *min);
    if (max)
        o.insert(QStringLiteral("max"), *max);
    if (maxLength > 0)
        o.insert(QStringLiteral("maxLength"), maxLength);
    if (!regex.isEmpty())
        o.insert(QStringLiteral("regex"), regex);
    return o;
}

Result<QList<CustomField>> CustomFields::definitions(QSqlDatabase& db, const QString& entity, bool withRetired)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM custom_fields WHERE entity = ?")
              + (withRetired ? QString() : QStringLiteral(" AND retired = 0"))
              + QStringLiteral(" ORDER BY position, label, id"));
    q.addBindValue(entity);
    if (!q.exec())
        return dbError(q);
    QList<CustomField> out;
    while (q.next())
        out.append(readField(q));
    return out;
}

Result<std::optional<CustomField>> CustomFields::find(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM custom_fields WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<CustomField>();
    return std::optional<CustomField>(readField(q));
}

Result<std::optional<CustomValue>> CustomFields::normalize(const CustomField& f, const QJsonValue& value)
{
    using Type = CustomField::Type;
    if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().trimmed().isEmpty())
        || (value.isArray() && value.toArray().isEmpty())) {
        return std::optional<CustomValue>();
    }
    CustomValue out;
    switch (f.type) {
    case Type::Text: {
        if (!value.isString())
            return invalidValue(f, tr("must be text."));
        const QString text = value.toString().trimmed();
        const int limit = f.maxLength > 0 ? f.maxLength : kDefaultMaxLength;
        if (text.size() > limit)
            return invalidValue(f, tr("is too long (at most %1 characters).").arg(limit));
        if (!f.regex.isEmpty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(f.regex));
            if (!re.match(text).hasMatch())
                return invalidValue(f, tr("\u201c%1\u201d does not have the required form.").arg(text));
        }
        out.wire = text;
        out.text = text;
        break;
    }
    case Type::Number: {
        double v = 0;
        if (value.isDouble()) {
            v = value.toDouble();
        } else if (value.isString()) {
            bool ok = false;
            v = QLocale::c().toDouble(value.toString().trimmed(), &ok);
            if (!ok)
                return invalidValue(f, tr("\u201c%1\u201d is not a number.").arg(value.toString()));
        } else {
            return invalidValue(f, tr("must be a number."));
        }
        if (!std::isfinite(v))
            return invalidValue(f, tr("must be a number."));
        if (f.min && v < *f.min)
            return invalidValue(f, tr("must be at least %1.").arg(numberText(*f.min)));
        if (f.max && v > *f.max)
            return invalidValue(f, tr("must be at most %1.").arg(numberText(*f.max)));
        out.wire = v;
        out.text = numberText(v);
        out.number = v;
        break;
    }
    case Type::Date: {
        const QDate d = value.isString() ? QDate::fromString(value.toString().trimmed(), Qt::ISODate) : QDate();
        if (!d.isValid())
            return invalidValue(f, tr("must be a date written as yyyy-mm-dd."));
        out.text = d.toString(Qt::ISODate);
        out.wire = out.text;
        out.number = double(d.startOfDay(Qt::UTC).toMSecsSinceEpoch());
        break;
    }
    case Type::Choice: {
        if (!value.isString() || !f.options.contains(value.toString()))
            return invalidValue(f, tr("\u201c%1\u201d is not one of the choices (%2).")
                                       .arg(value.toVariant().toString(), f.options.join(QStringLiteral(", "))));
        out.text = value.toString();
        out.wire = out.text;
        break;
    }
    case Type::MultiChoice: {
        if (!value.isArray())
            return invalidValue(f, tr("must be a list of choices."));
        QSet<QString> picked;
        for (const QJsonValue& v : value.toArray()) {
            if (!v.isString() || !f.options.contains(v.toString()))
                return invalidValue(f, tr("\u201c%1\u201d is not one of the choices (%2).")
                                           .arg(v.toVariant().toString(), f.options.join(QStringLiteral(", "))));
            picked.insert(v.toString());
        }
        QJsonArray ordered; // in the order of the options, so equal picks compare equal
        for (const QString& o : f.options)
            if (picked.contains(o))
                ordered.append(o);
        out.wire = ordered;
        out.text = QString::fromUtf8(QJsonDocument(ordered).toJson(QJsonDocument::Compact));
        break;
    }
    }
    return std::optional<CustomValue>(std::move(out));
}

Result<QJsonObject> CustomFields::valuesOf(QSqlDatabase& db, const QString& recordId)
{
    auto values = valuesOf(db, QStringList{recordId});
    if (!values)
        return values.error();
    return values->value(recordId);
}

Result<QHash<QString, QJsonObject>> CustomFields::valuesOf(QSqlDatabase& db, const QStringList& recordIds)
{
    QHash<QString, QJsonObject> out;
    QSqlQuery q(db);
    if (!execInLists(q, QStringLiteral("SELECT record_id, field_key, wire FROM custom_values WHERE record_id IN (%1)"),
                     recordIds, [&](const QSqlQuery& row) {
                         out[row.value(0).toString()].insert(CustomField::kPrefix + row.value(1).toString(),
                                                             wireValue(row.value(2).toString()));
                         return true;
                     }))
        return dbError(q);
    return out;
}

QJsonValue CustomFields::wireValue(const QString& wire)
{
    // The wire text is a JSON value; wrapped in an array because a document cannot be a bare value.
    const QJsonArray a = QJsonDocument::fromJson("[" + wire.toUtf8() + "]").array();
    return a.isEmpty() ? QJsonValue() : a.first();
}

CustomValue CustomFields::fromWire(const QJsonValue& wire)
{
    CustomValue v;
    v.wire = wire;
    if (wire.isDouble()) {
        v.number = wire.toDouble();
        v.text = numberText(wire.toDouble());
    } else if (wire.isArray()) {
        v.text = QString::fromUtf8(QJsonDocument(wire.toArray()).toJson(QJsonDocument::Compact));
    } else {
        v.text = wire.toString();
        const QDate d = QDate::fromString(v.text, Qt::ISODate);
        if (v.text.size() == 10 && d.isValid())
            v.number = double(d.startOfDay(Qt::UTC).toMSecsSinceEpoch());
    }
    return v;
}

Status CustomFields::store(QSqlDatabase& db, const QString& entity, const QString& recordId, const QString& key,
                           const std::optional<CustomValue>& value)
{
    // DELETE then INSERT rather than INSERT OR REPLACE: the same statements on every database.
    QSqlQuery del(db);
    del.prepare(QStringLiteral("DELETE FROM custom_values WHERE record_id = ? AND field_key = ?"));
    del.addBindValue(recordId);
    del.addBindValue(key);
    if (!del.exec())
        return Error(ErrorCode::Database, tr("Could not save a custom value: %1").arg(del.lastError().text()));
    if (!value)
        return {};
    QSqlQuery ins(db);
    ins.prepare(QStringLiteral("INSERT INTO custom_values(record_id, entity, field_key, value_text, value_num, wire) "
                               "VALUES(?,?,?,?,?,?)"));
    ins.addBindValue(recordId);
    ins.addBindValue(entity);
    ins.addBindValue(key);
    ins.addBindValue(sql::text(value->text));
    ins.addBindValue(value->number ? QVariant(*value->number) : QVariant(QMetaType::fromType<double>()));
    const QByteArray wire = QJsonDocument(QJsonArray{value->wire}).toJson(QJsonDocument::Compact);
    ins.addBindValue(QString::fromUtf8(wire.mid(1, wire.size() - 2))); // [v] -> v
    if (!ins.exec())
        return Error(ErrorCode::Database, tr("Could not save a custom value: %1").arg(ins.lastError().text()));
    return {};
}

Status CustomFields::replaceFromRow(QSqlDatabase& db, const QString& entity, const QString& recordId,
                                    const QJsonObject& row)
{
    QJsonObject wanted;
    for (auto it = row.begin(); it != row.end(); ++it) {
        if (it.key().startsWith(CustomField::kPrefix) && !it.value().isNull())
            wanted.insert(it.key(), it.value());
    }
    auto current = valuesOf(db, recordId);
    if (!current)
        return current.error();
    if (wanted == current.value())
        return {};
    // Settled state from the server, stored as it comes: no definition is needed (it may arrive later in
    // the same pull) and no rule is applied (a later rule change must not make a synced value unreadable).
    for (auto it = current->begin(); it != current->end(); ++it) {
        if (!wanted.contains(it.key())) {
            if (Status s = store(db, entity, recordId, it.key().mid(CustomField::kPrefix.size()), std::nullopt); !s)
                return s;
        }
    }
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        if (current->value(it.key()) == it.value())
            continue;
        if (Status s = store(db, entity, recordId, it.key().mid(CustomField::kPrefix.size()), fromWire(it.value())); !s)
            return s;
    }
    return {};
}

Result<CustomValueEdit> CustomValueEdit::prepare(QSqlDatabase& db, const QString& entity, const QString& recordId,
                                                 const QJsonObject& requested, bool creating)
{
    CustomValueEdit edit;
    edit.m_entity = entity;
    edit.m_recordId = recordId;
    if (requested.isEmpty())
        return edit;
    auto fields = CustomFields::definitions(db, entity, true);
    if (!fields)
        return fields.error();
    auto current = CustomFields::valuesOf(db, recordId);
    if (!current)
        return current.error();
    QHash<QString, const CustomField*> byMember;
    for (const CustomField& f : fields.value())
        byMember.insert(f.memberName(), &f);
    for (auto it = requested.begin(); it != requested.end(); ++it) {
        const CustomField* f = byMember.value(it.key());
        if (!f)
            return Error(ErrorCode::InvalidArgument,
                         CustomFields::tr("There is no custom field \u201c%1\u201d; an admin may have removed it.")
                             .arg(it.key().mid(CustomField::kPrefix.size())));
        // A value the record already holds, sent again (an undo restoring a whole record, a replay), changes
        // nothing and is not judged by today's rules: the field may have been retired or its rules changed since.
        if (const QJsonValue held = current->value(it.key()); held == it.value() || (held.isUndefined() && it.value().isNull()))
            continue;
        if (f->retired)
            return Error(ErrorCode::InvalidArgument,
                         CustomFields::tr("The custom field \u201c%1\u201d is retired and no longer takes values.")
                             .arg(f->label));
        auto value = CustomFields::normalize(*f, it.value());
        if (!value)
            return value.error();
        if (!value->has_value() && f->required)
            return Error(ErrorCode::InvalidArgument, CustomFields::tr("\u201c%1\u201d is required.").arg(f->label));
        const QJsonValue old = current->value(it.key());
        const QJsonValue next = value->has_value() ? value->value().wire : QJsonValue();
        if (old == next || (old.isUndefined() && next.isNull()))
            continue; // a replay, or nothing changes
        edit.m_items.append({*f, old, std::move(value.value())});
    }
    if (creating) {
        for (const CustomField& f : fields.value()) {
            if (f.required && !f.retired && !requested.contains(f.memberName()))
                return Error(ErrorCode::InvalidArgument, CustomFields::tr("\u201c%1\u201d is required.").arg(f.label));
        }
    }
    return edit;
}

Status CustomValueEdit::apply(QSqlDatabase& db, QJsonObject* before, QJsonObject* after) const
{
    for (const Item& item : m_items) {
        if (Status s = CustomFields::store(db, m_entity, m_recordId, item.field.key, item.next); !s)
            return s;
        before->insert(item.field.memberName(), item.old.isUndefined() ? QJsonValue() : item.old);
        after->insert(item.field.memberName(), item.next ? item.next->wire : QJsonValue());
    }
    return {};
}

} // namespace outpost
