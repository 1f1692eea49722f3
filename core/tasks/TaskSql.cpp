#include "tasks/TaskSql.h"

#include "storage/SqlExec.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost::tasksql {

Error Messages::database(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, tr("Could not read or save tasks: %1").arg(q.lastError().text()));
}

QString columns()
{
    return QStringLiteral("id, title, notes, due_at, reminder_at, assignee_id, created_by, contact_id, deal_id, done_at, "
                          "created_at, updated_at, updated_by");
}

Task readTask(const QSqlQuery& q, int first)
{
    auto time = [&](int i) {
        const QVariant v = q.value(first + i);
        return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
    };
    Task t;
    t.id = q.value(first + 0).toString();
    t.title = q.value(first + 1).toString();
    t.notes = q.value(first + 2).toString();
    t.dueAt = time(3);
    t.reminderAt = time(4);
    t.assigneeId = q.value(first + 5).toString();
    t.createdBy = q.value(first + 6).toString();
    t.contactId = q.value(first + 7).toString();
    t.dealId = q.value(first + 8).toString();
    t.doneAt = time(9);
    t.createdAt = q.value(first + 10).toLongLong();
    t.updatedAt = q.value(first + 11).toLongLong();
    t.updatedBy = q.value(first + 12).toString();
    return t;
}

Result<std::optional<Task>> load(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT %1 FROM tasks WHERE id = ?").arg(columns()), {id}))
        return Messages::database(q);
    if (!q.next())
        return std::optional<Task>();
    return std::optional<Task>(readTask(q));
}

} // namespace outpost::tasksql
