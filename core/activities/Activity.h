#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace outpost {

// A call, meeting, e-mail or note logged by hand against a contact, company, deal or lead. Synced as entity
// "activity"; its JSON form (audit, sync, activity.log@1 arguments) uses the names of fieldsToJson().
struct Activity
{
    QString id;
    QString kind;        // "call" | "meeting" | "email" | "note"
    QString subjectType; // "contact" | "company" | "deal" | "lead"
    QString subjectId;
    qint64 occurredAt = 0; // UTC ms
    QString title;
    QString body;
    qint64 deletedAt = 0; // UTC ms; deleted activities keep only their kind, subject and time (see ActivityMutators.h)

    static const QStringList& kinds();
    static const QStringList& subjectTypes();

    // { kind, subjectType, subjectId, occurredAt, title, body, deletedAt }
    QJsonObject fieldsToJson() const;
};

// The row as stored, with its sync metadata.
struct StoredActivity
{
    Activity activity;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
};

class ActivityValidation
{
    Q_DECLARE_TR_FUNCTIONS(ActivityValidation)
public:
    static constexpr int kMaxTitle = 200;
    static constexpr int kMaxBody = 20000;
    // A user-readable problem with the activity, or an empty string.
    static QString problemWith(const Activity& a);
    // What the user calls a kind ("Call", "Meeting", "E-mail", "Note").
    static QString kindLabel(const QString& kind);
};

namespace activitysql {
// Reads one activity by id, or nothing. A failed query's error carries the database's message only.
Result<std::optional<StoredActivity>> load(QSqlDatabase& db, const QString& id);
// Inserts the row, or sets every column of the existing one (create with a given id is replay-safe).
Status write(QSqlDatabase& db, const Activity& a, qint64 createdAt, qint64 updatedAt, const QString& updatedBy);
Status remove(QSqlDatabase& db, const QString& id);
} // namespace activitysql

} // namespace outpost
