#include "privacy/PersonExport.h"

#include "io/CsvWriter.h"
#include "privacy/PersonalData.h"
#include "storage/SqlExec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace outpost {

namespace {

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, PersonExport::tr("Could not read the person's data: %1").arg(q.lastError().text()));
}

QJsonValue jsonOf(const QVariant& v)
{
    if (v.isNull())
        return QJsonValue::Null;
    switch (v.metaType().id()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::Double:
        return v.toDouble();
    default:
        return v.toString();
    }
}

// Runs `sql` with `binds` and appends each row as an object. JSON-text columns are kept as text (they are
// exactly what is stored). `keep` filters rows (nullptr: all).
Status query(QSqlDatabase& db, const QString& sql, const QVariantList& binds, QJsonArray* out,
             const std::function<bool(const QJsonObject&)>& keep = {})
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return dbError(q);
    while (q.next()) {
        const QSqlRecord rec = q.record();
        QJsonObject row;
        for (int i = 0; i < rec.count(); ++i)
            row.insert(rec.fieldName(i), jsonOf(q.value(i)));
        if (!keep || keep(row))
            out->append(row);
    }
    return {};
}

QVariantList repeated(const QStringList& ids, int times)
{
    QVariantList out;
    for (int t = 0; t < times; ++t) {
        for (const QString& id : ids)
            out << id;
    }
    return out;
}

bool mentionsAny(const QJsonObject& row, const QStringList& ids)
{
    const QString text = QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact));
    for (const QString& id : ids) {
        if (text.contains(id))
            return true;
    }
    return false;
}

Status writeCsv(const QString& path, const QJsonArray& rows)
{
    QStringList header;
    QSet<QString> seen;
    for (const QJsonValue& r : rows) {
        for (const QString& k : r.toObject().keys()) {
            if (!seen.contains(k)) {
                seen.insert(k);
                header << k;
            }
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, PersonExport::tr("Could not write %1: %2").arg(path, file.errorString()));
    CsvWriter::Options o;
    o.writeBom = true;
    CsvWriter csv(&file, o);
    if (Status s = csv.writeRecord(header); !s)
        return s;
    for (const QJsonValue& r : rows) {
        const QJsonObject obj = r.toObject();
        QStringList fields;
        for (const QString& k : std::as_const(header)) {
            const QJsonValue v = obj.value(k);
            if (v.isString())
                fields << v.toString();
            else if (v.isDouble())
                fields << QString::number(qint64(v.toDouble()));
            else if (v.isNull() || v.isUndefined())
                fields << QString();
            else
                fields << QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
        }
        if (Status s = csv.writeRecord(fields); !s)
            return s;
    }
    if (Status s = csv.flush(); !s)
        return s;
    if (!file.commit())
        return Error(ErrorCode::Io, PersonExport::tr("Could not write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

Result<QList<PersonExport::Section>> PersonExport::collect(QSqlDatabase& db, const QString& contactId)
{
    QList<Section> out;
    auto add = [&](const QString& name, const QString& sql, const QVariantList& binds,
                   const std::function<bool(const QJsonObject&)>& keep = {}) -> Status {
        Section s{name, {}};
        if (Status st = query(db, sql, binds, &s.rows, keep); !st)
            return st;
        out.append(std::move(s));
        return {};
    };

    // The person's records: the contact, contacts merged into it, and the linked records of personalData().
    QStringList ids{contactId};
    QJsonArray merged;
    if (Status s = query(db, QStringLiteral("SELECT remove_id FROM merge_items WHERE keep_id = ?"), {contactId}, &merged);
        !s)
        return s.error();
    for (const QJsonValue& m : std::as_const(merged))
        ids << m.toObject().value(QStringLiteral("remove_id")).toString();

    if (Status s = add(QStringLiteral("contact"), QStringLiteral("SELECT * FROM contacts WHERE id = ?"), {contactId}); !s)
        return s.error();
    for (const PersonalEntity& e : personalData()) {
        if (e.entity == QLatin1String("contact"))
            continue;
        if (Status s = add(e.table, QStringLiteral("SELECT * FROM %1 WHERE %2 = ?").arg(e.table, e.personColumn),
                           {contactId});
            !s)
            return s.error();
        for (const QJsonValue& r : std::as_const(out.last().rows))
            ids << r.toObject().value(QStringLiteral("id")).toString();
    }
    if (Status s = add(QStringLiteral("consents"), QStringLiteral("SELECT * FROM consents WHERE contact_id = ? ORDER BY given_at"),
                       {contactId});
        !s)
        return s.error();
    QStringList auditIds = ids;
    for (const QJsonValue& r : std::as_const(out.last().rows))
        auditIds << r.toObject().value(QStringLiteral("id")).toString();
    if (Status s = add(QStringLiteral("shares"), QStringLiteral("SELECT * FROM contact_shares WHERE contact_id = ?"), {contactId});
        !s)
        return s.error();
    for (const QJsonValue& r : std::as_const(out.last().rows))
        auditIds << r.toObject().value(QStringLiteral("id")).toString();
    if (Status s = add(QStringLiteral("erasure"), QStringLiteral("SELECT * FROM erasures WHERE contact_id = ?"), {contactId}); !s)
        return s.error();

    const QString in = placeholders(ids.size());
    if (Status s = add(QStringLiteral("audit"),
                       QStringLiteral("SELECT seq, at, actor, device_id, mutation_id, mutation, entity, entity_id, action, "
                                      "before, after, redacted_by FROM audit_log WHERE entity_id IN (%1) ORDER BY seq")
                           .arg(placeholders(auditIds.size())),
                       repeated(auditIds, 1));
        !s)
        return s.error();
    if (Status s = add(QStringLiteral("import_history"),
                       QStringLiteral("SELECT b.file_name, b.started_at, b.state, i.* FROM import_items i "
                                      "JOIN import_batches b ON b.id = i.batch_id WHERE i.contact_id IN (%1) "
                                      "ORDER BY b.started_at, i.seq")
                           .arg(in),
                       repeated(ids, 1));
        !s)
        return s.error();
    if (Status s = add(QStringLiteral("merge_history"),
                       QStringLiteral("SELECT b.merged_at, b.state, i.* FROM merge_items i JOIN merge_batches b ON "
                                      "b.id = i.batch_id WHERE i.keep_id IN (%1) OR i.remove_id IN (%1) "
                                      "ORDER BY b.merged_at, i.seq")
                           .arg(in),
                       repeated(ids, 2));
        !s)
        return s.error();
    auto mentions = [&](const QJsonObject& row) { return mentionsAny(row, auditIds); };
    if (Status s = add(QStringLiteral("pending_changes"), QStringLiteral("SELECT * FROM outbox ORDER BY seq"), {}, mentions); !s)
        return s.error();
    if (Status s = add(QStringLiteral("sync_conflicts"),
                       QStringLiteral("SELECT * FROM sync_conflicts WHERE entity_id IN (%1) ORDER BY at").arg(in),
                       repeated(ids, 1));
        !s)
        return s.error();
    if (Status s = add(QStringLiteral("sync_rejections"), QStringLiteral("SELECT * FROM sync_rejections ORDER BY seq"), {},
                       mentions);
        !s)
        return s.error();

    qint64 total = 0;
    for (const Section& s : std::as_const(out))
        total += s.rows.size();
    if (total == 0)
        return Error(ErrorCode::NotFound, tr("Nothing is held about a contact with the id %1.").arg(contactId));
    return out;
}

Result<PersonExport::Summary> PersonExport::write(QSqlDatabase& db, const QString& contactId, const QString& folder,
                                                  qint64 exportedAtMs, const std::function<bool()>& cancelled)
{
    const QString target = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    if (QFileInfo::exists(target))
        return Error(ErrorCode::AlreadyExists, tr("%1 already exists; choose a new folder name.").arg(target));
    auto sections = collect(db, contactId);
    if (!sections)
        return sections.error();

    const QString partial = target + QStringLiteral(".partial");
    QDir(partial).removeRecursively();
    if (!QDir().mkpath(partial))
        return Error(ErrorCode::Io, tr("Could not create the folder %1.").arg(partial));
    auto failed = [&](const Error& e) -> Result<Summary> {
        QDir(partial).removeRecursively();
        return e;
    };

    Summary summary;
    summary.folder = target;
    QJsonObject all{{QStringLiteral("format"), QStringLiteral("outpost-person-export-1")},
                    {QStringLiteral("contactId"), contactId},
                    {QStringLiteral("exportedAt"), double(exportedAtMs)}};
    for (const Section& s : std::as_const(sections.value())) {
        if (cancelled && cancelled())
            return failed(Error(ErrorCode::Cancelled, tr("The export was cancelled; nothing was written.")));
        if (Status st = writeCsv(partial + QLatin1Char('/') + s.name + QStringLiteral(".csv"), s.rows); !st)
            return failed(st.error());
        all.insert(s.name, s.rows);
        summary.rows += s.rows.size();
    }
    QSaveFile json(partial + QStringLiteral("/person.json"));
    if (!json.open(QIODevice::WriteOnly) || json.write(QJsonDocument(all).toJson(QJsonDocument::Indented)) < 0 || !json.commit())
        return failed(Error(ErrorCode::Io, tr("Could not write person.json: %1").arg(json.errorString())));
    if (!QDir().rename(partial, target))
        return failed(Error(ErrorCode::Io, tr("Could not rename %1 to %2.").arg(partial, target)));
    return summary;
}

} // namespace outpost
