#include "replication/ContactRowCodec.h"

#include "contacts/Contact.h"
#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactSql.h"
#include "storage/SqlDialect.h"
#include "customfields/CustomField.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSet>

namespace outpost {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ContactRowCodec::tr("Could not sync a contact: %1").arg(q.lastError().text()));
}
} // namespace

Result<std::optional<QJsonObject>> ContactRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto stored = contactsql::loadRow(db, id);
    if (!stored)
        return Error(ErrorCode::Database, tr("Could not sync a contact: %1").arg(stored.message()));
    if (!stored->has_value())
        return std::optional<QJsonObject>();
    const contactsql::StoredRow& r = stored->value();
    QJsonObject row;
    for (const QString& f : Contact::fieldNames())
        row.insert(f, r.contact.field(f));
    auto custom = CustomFields::valuesOf(db, id);
    if (!custom)
        return Error(ErrorCode::Database, tr("Could not sync a contact: %1").arg(custom.message()));
    for (auto it = custom->begin(); it != custom->end(); ++it)
        row.insert(it.key(), it.value());
    row.insert(QStringLiteral("createdAt"), r.meta.createdAt);
    row.insert(QStringLiteral("updatedAt"), r.meta.updatedAt);
    row.insert(QStringLiteral("updatedBy"), r.meta.updatedBy);
    return std::optional<QJsonObject>(row);
}

Status ContactRowCodec::readSnapshot(QSqlDatabase& db, const QStringList& ids, QList<SnapshotBlock>* blocks) const
{
    if (ids.isEmpty())
        return {};
    // The ids come in the change log's order of entity_id, the order of contacts.id on the same backend,
    // so [first, last] holds them all; rows in that range the page does not name (not visible to this
    // user, or changed after the snapshot's position) are read and skipped. The scan budget of a page
    // bounds the range to about as many rows as log entries.
    const QSet<QString> wanted(ids.cbegin(), ids.cend());
    const QString first = ids.first();
    const QString last = ids.last();

    QHash<QString, QList<std::pair<QString, QJsonValue>>> custom; // by contact id
    QStringList customColumns;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT record_id, field_key, wire FROM custom_values "
                                 "WHERE record_id >= ? AND record_id <= ? AND entity = 'contact'"));
        q.addBindValue(first);
        q.addBindValue(last);
        if (!q.exec())
            return dbError(q);
        while (q.next()) {
            const QString column = CustomField::kPrefix + q.value(1).toString();
            if (!customColumns.contains(column))
                customColumns.append(column);
            custom[q.value(0).toString()].append({column, CustomFields::wireValue(q.value(2).toString())});
        }
    }
    customColumns.sort();

    // One block for the page: every contact field, the metadata, then the custom fields any row of the
    // page has (null where a row has none, which write() and bulkInsert() read as "no value").
    SnapshotBlock block{entity(), Contact::fieldNames(), {}, {}};
    block.columns << QStringLiteral("createdAt") << QStringLiteral("updatedAt") << QStringLiteral("updatedBy");
    const qsizetype fixedColumns = block.columns.size();
    block.columns << customColumns;
    block.rows.reserve(ids.size());

    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, ") + contactsql::columnNames().join(QStringLiteral(", "))
              + QStringLiteral(", created_at, updated_at, updated_by FROM contacts WHERE id >= ? AND id <= ? ORDER BY id"));
    q.addBindValue(first);
    q.addBindValue(last);
    if (!q.exec())
        return dbError(q);
    const int fields = int(Contact::fieldNames().size());
    while (q.next()) {
        const QString id = q.value(0).toString();
        if (!wanted.contains(id))
            continue;
        QJsonArray values{id};
        for (int i = 1; i <= fields; ++i)
            values.append(q.value(i).toString());
        values.append(q.value(fields + 1).toLongLong());
        values.append(q.value(fields + 2).toLongLong());
        values.append(q.value(fields + 3).toString());
        if (!customColumns.isEmpty()) {
            const auto own = custom.value(id);
            for (qsizetype c = fixedColumns; c < block.columns.size(); ++c) {
                QJsonValue v(QJsonValue::Null);
                for (const auto& [column, value] : own) {
                    if (column == block.columns.at(c))
                        v = value;
                }
                values.append(v);
            }
        }
        block.rows.append(values);
    }
    if (!block.rows.isEmpty())
        blocks->append(std::move(block));
    return {};
}

Status ContactRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    Contact c;
    c.id = id;
    for (const QString& f : Contact::fieldNames())
        c.setField(f, row.value(f).toString());
    contactsql::RowMeta meta;
    meta.createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt"))).value_or(0);
    meta.updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt"))).value_or(0);
    meta.updatedBy = row.value(QStringLiteral("updatedBy")).toString();

    auto stored = contactsql::loadRow(db, id);
    if (!stored)
        return Error(ErrorCode::Database, tr("Could not sync a contact: %1").arg(stored.message()));
    if (!stored->has_value()) {
        QSqlQuery q(db);
        q.prepare(sql::forDialect(db, contactsql::insertStatement()));
        contactsql::bindInsert(q, c, meta.createdAt, meta.updatedAt, meta.updatedBy);
        if (!q.exec())
            return dbError(q);
        return CustomFields::replaceFromRow(db, entity(), id, row);
    }
    // Only what differs: a device's own change coming back from the server usually differs only in
    // its server time stamp, and rewriting the whole row would churn every index of the table.
    const contactsql::RowUpdate u = contactsql::updateFor(stored->value().contact, c, meta, &stored->value().meta);
    if (!u.sql.isEmpty()) { // else already equal: leave the row and its index entries alone
        QSqlQuery q(db);
        q.prepare(sql::forDialect(db, u.sql));
        for (const QVariant& v : u.values)
            q.addBindValue(v);
        if (!q.exec())
            return dbError(q);
    }
    return CustomFields::replaceFromRow(db, entity(), id, row);
}

Status ContactRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM contacts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

Status ContactRowCodec::bulkBegin(QSqlDatabase& db) const
{
    return ContactBulkLoader::dropIndexes(db, ContactBulkLoader::SearchIndex::CaughtUpByCaller);
}

Status ContactRowCodec::bulkResume(QSqlDatabase& db) const
{
    // bulkInsert indexes its rows for search above the mark: without the insert trigger (no FTS4 work and
    // statement journal per row), as in the rest of the bulk load.
    return ContactBulkLoader::dropSearchTrigger(db);
}

void ContactRowCodec::prepareBulk(SnapshotBlock& block) const
{
    // Where each field, and the row's metadata, sits in the block's rows (-1: not sent).
    const QStringList& fields = Contact::fieldNames();
    QList<qsizetype> fieldAt;
    for (const QString& f : fields)
        fieldAt.append(block.columns.indexOf(f));
    const qsizetype createdAt = block.columns.indexOf(QStringLiteral("createdAt"));
    const qsizetype updatedAt = block.columns.indexOf(QStringLiteral("updatedAt"));
    const qsizetype updatedBy = block.columns.indexOf(QStringLiteral("updatedBy"));
    auto value = [](const QJsonArray& row, qsizetype column) { return column < 0 ? QJsonValue() : row.at(column + 1); };

    block.prepared.clear();
    block.prepared.reserve(block.rows.size());
    for (const QJsonArray& row : std::as_const(block.rows)) {
        Contact c;
        c.id = row.at(0).toString();
        for (qsizetype i = 0; i < fields.size(); ++i)
            c.setField(fields.at(i), value(row, fieldAt.at(i)).toString());
        block.prepared.append(contactsql::insertValues(c, jsonWholeNumber(value(row, createdAt)).value_or(0),
                                                       jsonWholeNumber(value(row, updatedAt)).value_or(0),
                                                       value(row, updatedBy).toString()));
    }
}

Status ContactRowCodec::bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const
{
    if (block.prepared.size() != block.rows.size()) {
        SnapshotBlock prepared = block;
        prepareBulk(prepared);
        return bulkInsert(db, prepared);
    }
    // Custom values (a new device's table holds none of these contacts' values yet).
    QList<std::pair<qsizetype, QString>> customAt; // column, field key
    for (qsizetype c = 0; c < block.columns.size(); ++c) {
        if (block.columns.at(c).startsWith(CustomField::kPrefix))
            customAt.append({c, block.columns.at(c).mid(CustomField::kPrefix.size())});
    }

    // Contacts created here since the last page were indexed at the start of this page
    // (Replica::applySnapshotPage), so the rows above the mark are this page's own at the end.
    QSqlQuery q(db);
    if (!q.prepare(contactsql::insertStatement()))
        return dbError(q);
    for (qsizetype r = 0; r < block.rows.size(); ++r) {
        for (const QVariant& v : block.prepared.at(r))
            q.addBindValue(v);
        if (!q.exec())
            return dbError(q);
        for (const auto& [column, key] : customAt) {
            const QJsonValue v = block.rows.at(r).at(column + 1);
            if (v.isNull())
                continue;
            if (Status s = CustomFields::store(db, entity(), block.rows.at(r).at(0).toString(), key, CustomFields::fromWire(v)); !s)
                return s;
        }
    }
    return ContactBulkLoader::indexAddedRows(db, ContactBulkLoader::AddedRows::BulkInserted);
}

Result<bool> ContactRowCodec::bulkEnd(QSqlDatabase& db, int step) const
{
    return ContactBulkLoader::restoreIndexes(db, step);
}

} // namespace outpost
