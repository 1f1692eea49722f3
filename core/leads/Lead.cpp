#include "leads/Lead.h"
#include "storage/SqlDialect.h"

#include "contacts/ContactMutators.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

const QStringList& Lead::fieldNames()
{
    static const QStringList names = {QStringLiteral("firstName"), QStringLiteral("lastName"),
                                      QStringLiteral("email"),     QStringLiteral("phone"),
                                      QStringLiteral("company"),   QStringLiteral("jobTitle"),
                                      QStringLiteral("country"),   QStringLiteral("source"),
                                      QStringLiteral("ownerId"),   QStringLiteral("contactId"),
                                      QStringLiteral("notes")};
    return names;
}

const QStringList& Lead::statuses()
{
    static const QStringList list = {QStringLiteral("new"), QStringLiteral("mql"), QStringLiteral("sql"),
                                     QStringLiteral("converted"), QStringLiteral("disqualified")};
    return list;
}

QString Lead::displayName() const
{
    const QString name =
        QString(field(QStringLiteral("firstName")) + QLatin1Char(' ') + field(QStringLiteral("lastName"))).trimmed();
    if (!name.isEmpty())
        return name;
    if (!field(QStringLiteral("company")).isEmpty())
        return field(QStringLiteral("company"));
    return field(QStringLiteral("email"));
}

QJsonObject Lead::toJson() const
{
    QJsonObject o;
    for (const QString& f : fieldNames())
        o.insert(f, field(f));
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("statusByHand"), statusByHand);
    o.insert(QStringLiteral("disqualifyReason"), disqualifyReason);
    o.insert(QStringLiteral("convertedAt"), convertedAt);
    o.insert(QStringLiteral("convertedContactId"), convertedContactId);
    o.insert(QStringLiteral("convertedCompanyId"), convertedCompanyId);
    o.insert(QStringLiteral("convertedDealId"), convertedDealId);
    return o;
}

Result<Lead> Lead::fromJson(const QString& id, const QJsonObject& o)
{
    Lead l;
    l.id = id;
    for (const QString& f : fieldNames()) {
        const QString v = o.value(f).toString();
        if (!v.isEmpty())
            l.fields.insert(f, v);
    }
    l.status = o.value(QStringLiteral("status")).toString();
    if (!statuses().contains(l.status))
        return Error(ErrorCode::InvalidArgument, tr("A lead has an unknown status \"%1\".").arg(l.status));
    l.statusByHand = o.value(QStringLiteral("statusByHand")).toBool();
    l.disqualifyReason = o.value(QStringLiteral("disqualifyReason")).toString();
    l.convertedAt = jsonWholeNumber(o.value(QStringLiteral("convertedAt"))).value_or(0);
    l.convertedContactId = o.value(QStringLiteral("convertedContactId")).toString();
    l.convertedCompanyId = o.value(QStringLiteral("convertedCompanyId")).toString();
    l.convertedDealId = o.value(QStringLiteral("convertedDealId")).toString();
    return l;
}

QString Lead::statusLabel(const QString& status)
{
    if (status == QLatin1String("new"))
        return tr("New");
    if (status == QLatin1String("mql"))
        return tr("Marketing qualified");
    if (status == QLatin1String("sql"))
        return tr("Sales qualified");
    if (status == QLatin1String("converted"))
        return tr("Converted");
    if (status == QLatin1String("disqualified"))
        return tr("Disqualified");
    return status;
}

QString Lead::fieldLabel(const QString& field)
{
    static const QHash<QString, const char*> labels = {
        {QStringLiteral("firstName"), QT_TR_NOOP("First name")}, {QStringLiteral("lastName"), QT_TR_NOOP("Last name")},
        {QStringLiteral("email"), QT_TR_NOOP("E-mail")},         {QStringLiteral("phone"), QT_TR_NOOP("Phone")},
        {QStringLiteral("company"), QT_TR_NOOP("Company")},      {QStringLiteral("jobTitle"), QT_TR_NOOP("Job title")},
        {QStringLiteral("country"), QT_TR_NOOP("Country")},      {QStringLiteral("source"), QT_TR_NOOP("Source")},
        {QStringLiteral("ownerId"), QT_TR_NOOP("Owner")},        {QStringLiteral("contactId"), QT_TR_NOOP("Linked contact")},
        {QStringLiteral("notes"), QT_TR_NOOP("Notes")}};
    const char* label = labels.value(field, nullptr);
    return label ? tr(label) : field;
}

QString Lead::problemWith(const QString& field, const QString& value)
{
    if (field == QLatin1String("email") || field == QLatin1String("phone") || field == QLatin1String("country")
        || field == QLatin1String("notes"))
        return ContactValidation::problemWith(field, value);
    if (field == QLatin1String("contactId") && !value.isEmpty() && !isUuid(value))
        return tr("The linked contact's id is malformed.");
    if (value.size() > 200)
        return tr("The field \"%1\" is too long (at most 200 characters).").arg(field);
    return {};
}

namespace leadsql {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, q.lastError().text());
}

const QString kStatusColumns = QStringLiteral(
    "status, status_by_hand, disqualify_reason, converted_at, converted_contact_id, converted_company_id, "
    "converted_deal_id");

QVariantList valuesOf(const Lead& l)
{
    QVariantList v;
    for (const QString& f : Lead::fieldNames())
        v << sql::text(l.field(f));
    v << sql::text(l.status) << int(l.statusByHand) << sql::text(l.disqualifyReason) << l.convertedAt
      << sql::text(l.convertedContactId) << sql::text(l.convertedCompanyId) << sql::text(l.convertedDealId);
    return v;
}
} // namespace

const QStringList& fieldColumns()
{
    static const QStringList cols = {QStringLiteral("first_name"), QStringLiteral("last_name"),
                                     QStringLiteral("email"),      QStringLiteral("phone"),
                                     QStringLiteral("company"),    QStringLiteral("job_title"),
                                     QStringLiteral("country"),    QStringLiteral("source"),
                                     QStringLiteral("owner_id"),   QStringLiteral("contact_id"),
                                     QStringLiteral("notes")};
    return cols;
}

Result<std::optional<StoredLead>> load(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1, %2, created_at, updated_at, updated_by FROM leads WHERE id = ?")
                  .arg(fieldColumns().join(QStringLiteral(", ")), kStatusColumns));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<StoredLead>();
    StoredLead s;
    s.lead.id = id;
    int c = 0;
    for (const QString& f : Lead::fieldNames()) {
        const QString v = q.value(c++).toString();
        if (!v.isEmpty())
            s.lead.fields.insert(f, v);
    }
    s.lead.status = q.value(c++).toString();
    s.lead.statusByHand = q.value(c++).toInt() != 0;
    s.lead.disqualifyReason = q.value(c++).toString();
    s.lead.convertedAt = q.value(c++).toLongLong();
    s.lead.convertedContactId = q.value(c++).toString();
    s.lead.convertedCompanyId = q.value(c++).toString();
    s.lead.convertedDealId = q.value(c++).toString();
    s.createdAt = q.value(c++).toLongLong();
    s.updatedAt = q.value(c++).toLongLong();
    s.updatedBy = q.value(c++).toString();
    return std::optional<StoredLead>(std::move(s));
}

// UPDATE first, INSERT when there was no row: portable (no UPSERT in SQLite 3.15) and keeps the row in place.
Status write(QSqlDatabase& db, const Lead& l, qint64 createdAt, qint64 updatedAt, const QString& updatedBy)
{
    const QVariantList values = valuesOf(l);
    QStringList sets;
    for (const QString& c : fieldColumns())
        sets << c + QStringLiteral(" = ?");
    for (const QString& c : kStatusColumns.split(QStringLiteral(", ")))
        sets << c + QStringLiteral(" = ?");
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE leads SET %1, created_at = ?, updated_at = ?, updated_by = ? WHERE id = ?")
                  .arg(sets.join(QStringLiteral(", "))));
    for (const QVariant& v : values)
        q.addBindValue(v);
    q.addBindValue(createdAt);
    q.addBindValue(updatedAt);
    q.addBindValue(updatedBy);
    q.addBindValue(l.id);
    if (!q.exec())
        return dbError(q);
    if (q.numRowsAffected() > 0)
        return {};
    q.prepare(QStringLiteral("INSERT INTO leads(id, %1, %2, created_at, updated_at, updated_by) VALUES(?%3, ?, ?, ?)")
                  .arg(fieldColumns().join(QStringLiteral(", ")), kStatusColumns,
                       QStringLiteral(", ?").repeated(values.size())));
    q.addBindValue(l.id);
    for (const QVariant& v : values)
        q.addBindValue(v);
    q.addBindValue(createdAt);
    q.addBindValue(updatedAt);
    q.addBindValue(updatedBy);
    if (!q.exec())
        return dbError(q);
    return {};
}

Status remove(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM leads WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace leadsql

} // namespace outpost
