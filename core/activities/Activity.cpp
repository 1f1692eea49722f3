#include "activities/Activity.h"
#include "storage/SqlDialect.h"

#include "util/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

const QStringList& Activity::kinds()
{
    static const QStringList list = {QStringLiteral("call"), QStringLiteral("meeting"), QStringLiteral("email"),
                                     QStringLiteral("note")};
    return list;
}

const QStringList& Activity::subjectTypes()
{
    static const QStringList list = {QStringLiteral("contact"), QStringLiteral("company"), QStringLiteral("deal"),
                                     QStringLiteral("lead")};
    return list;
}

QJsonObject Activity::fieldsToJson() const
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("subjectType"), subjectType},
            {QStringLiteral("subjectId"), subjectId},
            {QStringLiteral("occurredAt"), occurredAt},
            {QStringLiteral("title"), title},
            {QStringLiteral("body"), body},
            {QStringLiteral("deletedAt"), deletedAt}};
}

QString ActivityValidation::problemWith(const Activity& a)
{
    if (!Activity::kinds().contains(a.kind))
        return tr("\"%1\" is not a kind of activity (call, meeting, email or note).").arg(a.kind);
    if (!Activity::subjectTypes().contains(a.subjectType))
        return tr("An activity is logged against a contact, company, deal or lead, not \"%1\".").arg(a.subjectType);
    if (!isUuid(a.subjectId))
        return tr("The activity's subject id is missing or malformed.");
    if (a.deletedAt > 0)
        return {}; // what is left of a deleted activity is not checked again
    if (a.occurredAt <= 0)
        return tr("The activity needs the time it happened.");
    if (a.title.trimmed().isEmpty() && a.body.trimmed().isEmpty())
        return tr("An activity needs a title or a text.");
    if (a.title.size() > kMaxTitle)
        return tr("The title is too long (at most %1 characters).").arg(kMaxTitle);
    if (a.body.size() > kMaxBody)
        return tr("The text is too long (at most %1 characters).").arg(kMaxBody);
    return {};
}

QString ActivityValidation::kindLabel(const QString& kind)
{
    if (kind == QLatin1String("call"))
        return tr("Call");
    if (kind == QLatin1String("meeting"))
        return tr("Meeting");
    if (kind == QLatin1String("email"))
        return tr("E-mail");
    if (kind == QLatin1String("note"))
        return tr("Note");
    return kind;
}

namespace activitysql {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, q.lastError().text());
}
} // namespace

Result<std::optional<StoredActivity>> load(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT kind, subject_type, subject_id, occurred_at, title, body, created_at, updated_at, "
                             "updated_by, deleted_at FROM activities WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<StoredActivity>();
    StoredActivity s;
    s.activity.id = id;
    s.activity.kind = q.value(0).toString();
    s.activity.subjectType = q.value(1).toString();
    s.activity.subjectId = q.value(2).toString();
    s.activity.occurredAt = q.value(3).toLongLong();
    s.activity.title = q.value(4).toString();
    s.activity.body = q.value(5).toString();
    s.createdAt = q.value(6).toLongLong();
    s.updatedAt = q.value(7).toLongLong();
    s.updatedBy = q.value(8).toString();
    s.activity.deletedAt = q.value(9).toLongLong();
    return std::optional<StoredActivity>(std::move(s));
}

// UPDATE first, INSERT when no row was there: portable (no UPSERT in SQLite 3.15, no INSERT OR REPLACE on
// PostgreSQL) and an update keeps the row where it is.
Status write(QSqlDatabase& db, const Activity& a, qint64 createdAt, qint64 updatedAt, const QString& updatedBy)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE activities SET kind = ?, subject_type = ?, subject_id = ?, occurred_at = ?, "
                             "title = ?, body = ?, deleted_at = ?, created_at = ?, updated_at = ?, updated_by = ? WHERE id = ?"));
    for (const QVariant& v : {QVariant(sql::text(a.kind)), QVariant(sql::text(a.subjectType)), QVariant(sql::text(a.subjectId)), QVariant(a.occurredAt),
                              QVariant(sql::text(a.title)), QVariant(sql::text(a.body)), QVariant(a.deletedAt), QVariant(createdAt),
                              QVariant(updatedAt), QVariant(sql::text(updatedBy)), QVariant(sql::text(a.id))})
        q.addBindValue(v);
    if (!q.exec())
        return dbError(q);
    if (q.numRowsAffected() > 0)
        return {};
    q.prepare(QStringLiteral("INSERT INTO activities(id, kind, subject_type, subject_id, occurred_at, title, body, "
                             "deleted_at, created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant& v : {QVariant(sql::text(a.id)), QVariant(sql::text(a.kind)), QVariant(sql::text(a.subjectType)), QVariant(sql::text(a.subjectId)),
                              QVariant(a.occurredAt), QVariant(sql::text(a.title)), QVariant(sql::text(a.body)), QVariant(a.deletedAt),
                              QVariant(createdAt), QVariant(updatedAt), QVariant(sql::text(updatedBy))})
        q.addBindValue(v);
    if (!q.exec())
        return dbError(q);
    return {};
}

Status remove(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM activities WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace activitysql

} // namespace outpost
