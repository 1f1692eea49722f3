#include "privacy/PersonErasure.h"
#include "storage/SqlDialect.h"

#include "audit/AuditLog.h"
#include "contacts/ContactSql.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "privacy/PersonalData.h"
#include "storage/Database.h"
#include "storage/SqlExec.h"
#include "util/TextFold.h"
#include "util/Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, PersonErasure::tr("Could not erase the person: %1").arg(q.lastError().text()));
}

QString replacementFor(PersonalField::Replacement with, const QString& pseudonym)
{
    switch (with) {
    case PersonalField::Replacement::Pseudonym:
        return pseudonym;
    case PersonalField::Replacement::FoldedPseudonym:
        return foldText(pseudonym);
    case PersonalField::Replacement::Empty:
        break;
    }
    return QString();
}

const PersonalField* personalKey(const QString& key)
{
    for (const PersonalField& f : personalJsonKeys()) {
        if (f.jsonKey == key)
            return &f;
    }
    return nullptr;
}

// The person's values found anywhere, and how to take them out of JSON payloads.
class Scrubber
{
public:
    explicit Scrubber(QString pseudonym) : m_pseudonym(std::move(pseudonym)) {}

    void collect(const QString& value)
    {
        const QString v = value.trimmed();
        if (v.isEmpty() || v == m_pseudonym || isUuid(v))
            return;
        m_values.insert(v.toCaseFolded());
    }

    // Collects the values under personal keys anywhere in `v`.
    void collectJson(const QJsonValue& v)
    {
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.value().isString() && personalKey(it.key()))
                    collect(it.value().toString());
                else
                    collectJson(it.value());
            }
        } else if (v.isArray()) {
            for (const QJsonValue& e : v.toArray())
                collectJson(e);
        }
    }
    void collectText(const QString& json) { collectJson(parse(json)); }

    bool isPersonal(const QString& s) const
    {
        if (s.isEmpty() || isUuid(s))
            return false;
        const QString folded = s.toCaseFolded();
        if (m_values.contains(folded))
            return true;
        for (const QString& v : m_values) {
            if (v.size() >= 3 && folded.contains(v))
                return true;
        }
        return false;
    }

    // `v` without the person's values: personal keys get their replacement, other strings holding a value
    // of the person are emptied.
    QJsonValue scrub(const QJsonValue& v) const
    {
        if (v.isObject()) {
            QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (const PersonalField* f = personalKey(it.key()); f && it.value().isString()) {
                    const QString r = replacementFor(f->with, m_pseudonym);
                    if (it.value().toString() != r && !it.value().toString().isEmpty())
                        it.value() = r;
                } else {
                    it.value() = scrub(it.value());
                }
            }
            return o;
        }
        if (v.isArray()) {
            QJsonArray a = v.toArray();
            for (auto it = a.begin(); it != a.end(); ++it)
                *it = scrub(*it);
            return a;
        }
        if (v.isString() && isPersonal(v.toString()))
            return QString();
        return v;
    }

    // A stored JSON text, scrubbed; `changed` says whether it differs. Text that is not JSON is emptied if it
    // holds a value of the person.
    QString scrubText(const QString& text, bool* changed) const
    {
        if (text.isEmpty())
            return text;
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &err);
        QString out;
        if (err.error != QJsonParseError::NoError) {
            out = isPersonal(text) ? QString() : text;
        } else {
            const QJsonValue in = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
            const QJsonValue s = scrub(in);
            out = s == in ? text
                          : QString::fromUtf8(s.isObject() ? QJsonDocument(s.toObject()).toJson(QJsonDocument::Compact)
                                                           : QJsonDocument(s.toArray()).toJson(QJsonDocument::Compact));
        }
        *changed = out != text;
        return out;
    }

    bool isEmpty() const { return m_values.isEmpty(); }

    static QJsonValue parse(const QString& json)
    {
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
        return doc.isObject() ? QJsonValue(doc.object()) : doc.isArray() ? QJsonValue(doc.array()) : QJsonValue();
    }

private:
    QString m_pseudonym;
    QSet<QString> m_values; // case-folded
};

Result<QStringList> column(QSqlDatabase& db, const QString& sql, const QVariantList& args)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& a : args)
        q.addBindValue(a);
    if (!q.exec())
        return dbError(q);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

// A table's JSON columns for the rows a filter selects: read in one pass (collect), rewritten in another.
struct HistoryTable
{
    QString table;
    QStringList key;      // the row key column(s)
    QStringList columns;  // JSON text columns
    QString where;        // filter with ? for each involved id; empty: rows whose text mentions an involved id
    bool serverOnly = false; // only in a team database (skipped where the table does not exist)
};

QList<HistoryTable> historyTables(qsizetype involved)
{
    const QString in = placeholders(involved);
    return {
        {QStringLiteral("import_items"), {QStringLiteral("batch_id"), QStringLiteral("seq")},
         {QStringLiteral("before"), QStringLiteral("after")}, QStringLiteral("contact_id IN (%1)").arg(in)},
        {QStringLiteral("merge_items"), {QStringLiteral("batch_id"), QStringLiteral("seq")},
         {QStringLiteral("kept_before"), QStringLiteral("kept_after"), QStringLiteral("removed")},
         QStringLiteral("keep_id IN (%1) OR remove_id IN (%1)").arg(in)},
        {QStringLiteral("outbox"), {QStringLiteral("seq")}, {QStringLiteral("args"), QStringLiteral("touched")}, QString()},
        {QStringLiteral("sync_rejections"), {QStringLiteral("seq")}, {QStringLiteral("args")}, QString()},
        {QStringLiteral("sync_conflicts"), {QStringLiteral("id")},
         {QStringLiteral("mine"), QStringLiteral("theirs"), QStringLiteral("base")},
         QStringLiteral("entity_id IN (%1)").arg(in)},
        // The server's stored push results: a rejection's restored rows and a conflict's values.
        {QStringLiteral("sync_applied"), {QStringLiteral("device_id"), QStringLiteral("seq")},
         {QStringLiteral("result")}, QString(), true},
    };
}

struct HistoryRow
{
    QVariantList key;
    QStringList values;
};

Result<QList<HistoryRow>> readHistory(QSqlDatabase& db, const HistoryTable& t, const QStringList& involved)
{
    // Without a key to filter by, the rows whose text mentions one of the records (ids are UUIDs: no LIKE
    // wildcards in them).
    QString where = t.where;
    QVariantList binds;
    if (where.isEmpty()) {
        QStringList mentions;
        for (const QString& c : t.columns) {
            for (const QString& id : involved) {
                mentions << c + QStringLiteral(" LIKE '%' || ? || '%'");
                binds << id;
            }
        }
        where = mentions.join(QStringLiteral(" OR "));
    } else {
        for (int r = 0; r < int(where.count(QLatin1Char('('))); ++r) {
            for (const QString& id : involved)
                binds << id;
        }
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4")
                  .arg(t.key.join(QStringLiteral(", ")), t.columns.join(QStringLiteral(", ")), t.table, where));
    for (const QVariant& b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec())
        return dbError(q);
    QList<HistoryRow> rows;
    while (q.next()) {
        HistoryRow row;
        for (int i = 0; i < t.key.size(); ++i)
            row.key << q.value(i);
        for (int i = 0; i < t.columns.size(); ++i)
            row.values << q.value(int(t.key.size()) + i).toString();
        rows.append(std::move(row));
    }
    return rows;
}

// The statement that rewrites a history row's JSON columns (values, then the key).
QString historyUpdate(const HistoryTable& t)
{
    QStringList sets;
    for (const QString& c : t.columns)
        sets << c + QStringLiteral(" = ?");
    QStringList keys;
    for (const QString& k : t.key)
        keys << k + QStringLiteral(" = ?");
    return QStringLiteral("UPDATE %1 SET %2 WHERE %3")
        .arg(t.table, sets.join(QStringLiteral(", ")), keys.join(QStringLiteral(" AND ")));
}

Status writeHistory(QSqlQuery& q, const HistoryRow& row)
{
    PositionalBinder bind(q);
    for (const QString& v : row.values)
        bind << (v.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(v));
    for (const QVariant& k : row.key)
        bind << k;
    if (!q.exec())
        return dbError(q);
    return {};
}

struct AuditRow
{
    qint64 seq = 0;
    QString before;
    QString after;
};

} // namespace

QString PersonErasure::newPseudonym()
{
    return QStringLiteral("Erased-%1")
        .arg(QString::number(QRandomGenerator::system()->generate(), 16).rightJustified(8, QLatin1Char('0')).toUpper());
}

Result<PersonErasure::Report> PersonErasure::scrub(
    QSqlDatabase& db, const Request& r, const std::function<void(const QString&, const QString&, const QJsonObject&)>& changed)
{
    Report report;
    Scrubber scrubber(r.pseudonym);

    // 1. The records that are this person: the contact, contacts merged into it (they were the same person),
    //    and the linked records holding personal fields.
    QStringList involved{r.contactId};
    auto mergedAway = column(db, QStringLiteral("SELECT remove_id FROM merge_items WHERE keep_id = ?"), {r.contactId});
    if (!mergedAway)
        return mergedAway.error();
    involved += mergedAway.value();
    struct LinkedRows
    {
        const PersonalEntity* entity;
        QStringList ids;
    };
    QList<LinkedRows> linked;
    for (const PersonalEntity& e : personalData()) {
        auto ids = column(db, QStringLiteral("SELECT id FROM %1 WHERE %2 = ?").arg(e.table, e.personColumn), {r.contactId});
        if (!ids)
            return ids.error();
        linked.append({&e, ids.value()});
        for (const QString& id : ids.value()) {
            if (!involved.contains(id))
                involved << id;
        }
    }

    // 2. Every value of theirs, current and past.
    auto contact = contactsql::loadRow(db, r.contactId);
    if (!contact)
        return Error(ErrorCode::Database, tr("Could not erase the person: %1").arg(contact.message()));
    if (contact->has_value()) {
        for (const PersonalField& f : personalData().first().fields)
            scrubber.collect(contact->value().contact.field(f.jsonKey));
    }
    for (const LinkedRows& l : std::as_const(linked)) {
        if (l.entity->entity == QLatin1String("contact"))
            continue;
        QStringList columns;
        for (const PersonalField& f : l.entity->fields) {
            if (!f.jsonKey.isEmpty()) // not derived (a sort key): its source is collected
                columns << f.column;
        }
        if (columns.isEmpty())
            continue;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                      .arg(columns.join(QStringLiteral(", ")), l.entity->table, l.entity->personColumn));
        q.addBindValue(r.contactId);
        if (!q.exec())
            return dbError(q);
        while (q.next()) {
            for (int i = 0; i < columns.size(); ++i)
                scrubber.collect(q.value(i).toString());
        }
    }
    QList<AuditRow> audit;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT seq, before, after FROM audit_log WHERE entity_id IN (%1) ORDER BY seq")
                      .arg(placeholders(involved.size())));
        for (const QString& id : std::as_const(involved))
            q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        while (q.next()) {
            audit.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
            scrubber.collectText(audit.last().before);
            scrubber.collectText(audit.last().after);
        }
    }
    QList<HistoryTable> tables = historyTables(involved.size());
    for (auto it = tables.begin(); it != tables.end();) {
        QString error;
        const bool exists = !it->serverOnly || sql::tableExists(db, it->table, &error);
        if (!error.isEmpty())
            return Error(ErrorCode::Database, error);
        it = exists ? it + 1 : tables.erase(it);
    }
    QList<QList<HistoryRow>> histories;
    for (const HistoryTable& t : std::as_const(tables)) {
        auto rows = readHistory(db, t, involved);
        if (!rows)
            return rows.error();
        for (const HistoryRow& row : rows.value()) {
            for (const QString& v : row.values) {
                const QJsonValue j = Scrubber::parse(v);
                scrubber.collectJson(j);
            }
        }
        histories.append(rows.value());
    }
    // A conflict on a personal field holds bare JSON values (no key to recognise them by).
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT field, mine, theirs, base FROM sync_conflicts WHERE entity_id IN (%1)")
                      .arg(placeholders(involved.size())));
        for (const QString& id : std::as_const(involved))
            q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        while (q.next()) {
            if (!personalKey(q.value(0).toString()))
                continue;
            for (int i = 1; i <= 3; ++i)
                scrubber.collectText(QStringLiteral("[%1]").arg(q.value(i).toString()));
        }
    }

    const bool hasRow = contact->has_value();
    if (!hasRow && audit.isEmpty() && scrubber.isEmpty()) {
        report.nothingFound = true;
        return report;
    }

    // 3. The rows themselves, under the pseudonym.
    if (hasRow) {
        const Contact old = contact->value().contact;
        Contact next = old;
        QJsonObject after;
        for (const PersonalField& f : personalData().first().fields) {
            const QString v = replacementFor(f.with, r.pseudonym);
            if (next.field(f.jsonKey) != v) {
                next.setField(f.jsonKey, v);
                after.insert(f.jsonKey, v);
            }
        }
        if (!after.isEmpty()) {
            const contactsql::RowUpdate u = contactsql::updateFor(old, next, {0, r.nowMs, r.actor});
            QSqlQuery q(db);
            q.prepare(sql::forDialect(db, u.sql));
            for (const QVariant& v : u.values)
                q.addBindValue(v);
            if (!q.exec())
                return dbError(q);
            ++report.rowsPseudonymised;
            changed(personalData().first().entity, r.contactId, after);
        }
    }
    for (const LinkedRows& l : std::as_const(linked)) {
        if (l.entity->entity == QLatin1String("contact") || l.ids.isEmpty())
            continue;
        // One statement for the entity's rows: the same replacements for each, only the id differs.
        QStringList sets, differs;
        QVariantList values;
        QJsonObject after;
        for (const PersonalField& f : l.entity->fields) {
            sets << f.column + QStringLiteral(" = ?");
            differs << f.column + (isPostgres(db) ? QStringLiteral(" IS DISTINCT FROM ?") : QStringLiteral(" IS NOT ?"));
            values << replacementFor(f.with, r.pseudonym);
            if (!f.jsonKey.isEmpty())
                after.insert(f.jsonKey, replacementFor(f.with, r.pseudonym));
        }
        QSqlQuery q(db);
        if (!q.prepare(QStringLiteral("UPDATE %1 SET %2, updated_at = ?, updated_by = ? WHERE id = ? AND (%3)")
                           .arg(l.entity->table, sets.join(QStringLiteral(", ")), differs.join(QStringLiteral(" OR ")))))
            return dbError(q);
        for (const QString& id : l.ids) {
            PositionalBinder bind(q);
            for (const QVariant& v : std::as_const(values))
                bind << v;
            bind << r.nowMs << r.actor << id;
            for (const QVariant& v : std::as_const(values))
                bind << v;
            if (!q.exec())
                return dbError(q);
            if (q.numRowsAffected() > 0) {
                ++report.rowsPseudonymised;
                changed(l.entity->entity, id, after);
            }
        }
    }

    // Consents still in force end with the erasure (nobody can be contacted under a pseudonym); the records of
    // what was agreed, and when, stay.
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id, given_at FROM consents WHERE contact_id = ? AND withdrawn_at IS NULL"));
        q.addBindValue(r.contactId);
        if (!q.exec())
            return dbError(q);
        QList<std::pair<QString, qint64>> inForce;
        while (q.next())
            inForce.append({q.value(0).toString(), std::max(q.value(1).toLongLong(), r.nowMs)});
        QSqlQuery w(db);
        if (!inForce.isEmpty()
            && !w.prepare(QStringLiteral("UPDATE consents SET withdrawn_at = ?, updated_at = ?, updated_by = ? WHERE id = ?")))
            return dbError(w);
        for (const auto& [consentId, at] : std::as_const(inForce)) {
            PositionalBinder(w) << at << r.nowMs << r.actor << consentId;
            if (!w.exec())
                return dbError(w);
            changed(QStringLiteral("consent"), consentId, QJsonObject{{QStringLiteral("withdrawnAt"), double(at)}});
        }
    }

    // 4. Every copy of their values: audit payloads (redacted, digests kept), then the local histories.
    for (const AuditRow& a : std::as_const(audit)) {
        bool beforeChanged = false, afterChanged = false;
        const QString before = scrubber.scrubText(a.before, &beforeChanged);
        const QString after = scrubber.scrubText(a.after, &afterChanged);
        if (!beforeChanged && !afterChanged)
            continue;
        if (Status s = AuditLog::redact(db, a.seq, before.toUtf8(), after.toUtf8(), r.mutationId); !s)
            return s.error();
        report.auditRedacted.append(a.seq);
    }
    for (int i = 0; i < tables.size(); ++i) {
        const bool bareValues = tables[i].table == QLatin1String("sync_conflicts");
        QSqlQuery write(db);
        if (!histories[i].isEmpty() && !write.prepare(historyUpdate(tables[i])))
            return dbError(write);
        for (HistoryRow row : std::as_const(histories[i])) {
            bool any = false;
            for (QString& v : row.values) {
                bool c = false;
                // A conflict's columns are single JSON values: scrub them as a one-element array.
                if (bareValues && !v.isEmpty()) {
                    const QString wrapped = scrubber.scrubText(QStringLiteral("[%1]").arg(v), &c);
                    if (c)
                        v = wrapped.mid(1, wrapped.size() - 2);
                } else {
                    v = scrubber.scrubText(v, &c);
                }
                any = any || c;
            }
            if (!any)
                continue;
            if (Status s = writeHistory(write, row); !s)
                return s.error();
            ++report.historyRowsScrubbed;
        }
    }

    // 5. The full-text index keeps replaced terms in its older segments (a delete is only a marker until the
    //    segments merge): merge them all now. secure_delete clears the pages they leave. The server has no
    //    full-text table (team step 1003).
    QString ftsError;
    const bool hasFts = sql::tableExists(db, QStringLiteral("contacts_fts"), &ftsError);
    if (!ftsError.isEmpty())
        return Error(ErrorCode::Database, ftsError);
    if (hasFts) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('optimize')")))
            return dbError(q);
    }

    // 6. The erasure itself.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM erasures WHERE id = ? OR contact_id = ?"));
    q.addBindValue(r.erasureId);
    q.addBindValue(r.contactId);
    if (!q.exec())
        return dbError(q);
    q.prepare(QStringLiteral("INSERT INTO erasures(id, contact_id, pseudonym, mutation_id, erased_at, "
                             "updated_at, updated_by) VALUES(?,?,?,?,?,?,?)"));
    q.addBindValue(r.erasureId);
    q.addBindValue(r.contactId);
    q.addBindValue(r.pseudonym);
    q.addBindValue(r.mutationId);
    q.addBindValue(r.nowMs);
    q.addBindValue(r.nowMs);
    q.addBindValue(r.actor);
    if (!q.exec())
        return dbError(q);
    return report;
}

Status PersonErasure::finishOnDisk(Database& db)
{
    return db.checkpoint();
}

Result<QString> PersonErasure::erase(Database& db, MutationEngine& engine, const QString& contactId, QString* diskWarning)
{
    const QString pseudonym = newPseudonym();
    auto m = engine.submit(QString::fromLatin1(kMutation), QJsonObject{{QStringLiteral("id"), contactId},
                                                                       {QStringLiteral("erasureId"), newUuidV7()},
                                                                       {QStringLiteral("pseudonym"), pseudonym}});
    if (!m)
        return m.error();
    if (Status s = finishOnDisk(db); !s && diskWarning)
        *diskWarning = tr("The person was erased, but the database's write-ahead log could not be cleared yet (%1); "
                          "it is cleared at the next checkpoint.")
                           .arg(s.message());
    return pseudonym;
}

namespace {

class EraseContact final : public Mutator
{
public:
    QString name() const override { return QString::fromLatin1(PersonErasure::kMutation); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& a = ctx.args();
        PersonErasure::Request r;
        r.contactId = a.value(QStringLiteral("id")).toString();
        r.erasureId = a.value(QStringLiteral("erasureId")).toString();
        r.pseudonym = a.value(QStringLiteral("pseudonym")).toString().trimmed();
        r.mutationId = ctx.mutation().id;
        r.nowMs = ctx.nowMs();
        r.actor = ctx.mutation().actor;
        if (!isUuid(r.contactId))
            return Error(ErrorCode::InvalidArgument, PersonErasure::tr("The contact id is missing or malformed."));
        if (!isUuid(r.erasureId))
            return Error(ErrorCode::InvalidArgument, PersonErasure::tr("The erasure id is missing or malformed."));
        static const QRegularExpression pseudonymPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 ._-]{2,63}$"));
        if (!pseudonymPattern.match(r.pseudonym).hasMatch())
            return Error(ErrorCode::InvalidArgument,
                         PersonErasure::tr("The pseudonym must be 3 to 64 letters, digits, spaces, dots, dashes or "
                                           "underscores."));

        // A replay of this very erasure (pending changes are re-applied after each pull) has nothing left to do.
        QSqlQuery done(ctx.db());
        done.prepare(QStringLiteral("SELECT mutation_id FROM erasures WHERE contact_id = ?"));
        done.addBindValue(r.contactId);
        if (!done.exec())
            return dbError(done);
        if (done.next() && done.value(0).toString() == r.mutationId)
            return {};
        done.finish();

        auto report = PersonErasure::scrub(ctx.db(), r, [&](const QString& entity, const QString& id, const QJsonObject& after) {
            ctx.recordChange(entity, id, EntityChange::Kind::Updated, {}, after);
        });
        if (!report)
            return report.error();
        if (report->nothingFound)
            return Error(ErrorCode::NotFound, PersonErasure::tr("There is no contact with this id, and nothing is "
                                                                "recorded about one."));
        QJsonArray redacted;
        for (qint64 seq : std::as_const(report->auditRedacted))
            redacted.append(seq);
        ctx.recordChange(QStringLiteral("erasure"), r.erasureId, EntityChange::Kind::Created, {},
                         QJsonObject{{QStringLiteral("contactId"), r.contactId},
                                     {QStringLiteral("pseudonym"), r.pseudonym},
                                     {QLatin1String(AuditLog::kRedactedListKey), redacted},
                                     {QStringLiteral("historyRowsScrubbed"), report->historyRowsScrubbed}});
        return {};
    }
};

} // namespace

void registerErasureMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<EraseContact>());
}

} // namespace outpost
