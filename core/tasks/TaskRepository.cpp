#include "tasks/TaskRepository.h"

#include "storage/Database.h"
#include "storage/SqlExec.h"
#include "tasks/TaskSql.h"

#include <QDateTime>
#include <QSqlQuery>

namespace outpost {

using tasksql::Messages;

TaskRepository::Day TaskRepository::Day::containing(qint64 nowMs, const QTimeZone& zone)
{
    const QDate date = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    return {date.startOfDay(zone).toMSecsSinceEpoch(), date.addDays(1).startOfDay(zone).toMSecsSinceEpoch()};
}

namespace {

// WHERE (with its values) and ORDER BY of a view.
std::pair<QString, QString> viewSql(TaskRepository::View view, const TaskRepository::Day& today, QVariantList* values)
{
    switch (view) {
    case TaskRepository::View::Overdue:
        values->append(today.start);
        return {QStringLiteral("t.done_at IS NULL AND t.due_at < ?"), QStringLiteral("t.due_at, t.rid")};
    case TaskRepository::View::Today:
        values->append(today.start);
        values->append(today.end);
        return {QStringLiteral("t.done_at IS NULL AND t.due_at >= ? AND t.due_at < ?"), QStringLiteral("t.due_at, t.rid")};
    case TaskRepository::View::Upcoming:
        values->append(today.end);
        return {QStringLiteral("t.done_at IS NULL AND (t.due_at >= ? OR t.due_at IS NULL)"),
                QStringLiteral("t.due_at IS NULL, t.due_at, t.rid")};
    case TaskRepository::View::Done:
        return {QStringLiteral("t.done_at IS NOT NULL"), QStringLiteral("t.done_at DESC, t.rid DESC")};
    }
    return {};
}

QString prefixed(const QString& columns)
{
    return QStringLiteral("t.") + QString(columns).replace(QStringLiteral(", "), QStringLiteral(", t."));
}

Result<QList<TaskRepository::Row>> readRows(QSqlQuery& q)
{
    QList<TaskRepository::Row> out;
    while (q.next()) {
        TaskRepository::Row row;
        row.task = tasksql::readTask(q);
        const int extra = 13;
        const QString first = q.value(extra).toString(), last = q.value(extra + 1).toString();
        row.contactName = QStringList{first, last}.join(QLatin1Char(' ')).trimmed();
        if (row.contactName.isEmpty())
            row.contactName = q.value(extra + 2).toString(); // the company or e-mail of a contact without a name
        row.dealTitle = q.value(extra + 3).toString();
        out.append(std::move(row));
    }
    return out;
}

QString selectRows()
{
    return QStringLiteral("SELECT %1, c.first_name, c.last_name, CASE WHEN c.company <> '' THEN c.company ELSE c.email END, "
                          "d.title FROM tasks t LEFT JOIN contacts c ON t.contact_id <> '' AND c.id = t.contact_id "
                          "LEFT JOIN deals d ON t.deal_id <> '' AND d.id = t.deal_id")
        .arg(prefixed(tasksql::columns()));
}

} // namespace

Result<QList<TaskRepository::Row>> TaskRepository::tasks(View view, const Day& today, int offset, int limit)
{
    QVariantList values;
    const auto [where, order] = viewSql(view, today, &values);
    values << limit << offset;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("%1 WHERE %2 ORDER BY %3 LIMIT ? OFFSET ?").arg(selectRows(), where, order), values))
        return Messages::database(q);
    return readRows(q);
}

Result<qint64> TaskRepository::count(View view, const Day& today)
{
    QVariantList values;
    const QString where = viewSql(view, today, &values).first;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT count(*) FROM tasks t WHERE %1").arg(where), values) || !q.next())
        return Messages::database(q);
    return q.value(0).toLongLong();
}

Result<QList<TaskRepository::Row>> TaskRepository::openTasksFor(const QString& contactId, const QString& dealId, int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    const bool byContact = !contactId.isEmpty();
    if (!execBound(q,
                   QStringLiteral("%1 WHERE t.done_at IS NULL AND %2 = ? ORDER BY t.due_at IS NULL, t.due_at, t.rid LIMIT ?")
                       .arg(selectRows(), byContact ? QStringLiteral("t.contact_id") : QStringLiteral("t.deal_id")),
                   {byContact ? contactId : dealId, limit}))
        return Messages::database(q);
    return readRows(q);
}

Result<QList<TaskRepository::Row>> TaskRepository::rows(const QStringList& taskIds)
{
    QList<Row> out;
    for (qsizetype from = 0; from < taskIds.size(); from += kValuesPerInList) {
        const QStringList ids = taskIds.mid(from, kValuesPerInList);
        QVariantList values;
        for (const QString& id : ids)
            values << id;
        QStringList marks(ids.size(), QStringLiteral("?"));
        QSqlQuery q(m_db.connection());
        q.setForwardOnly(true);
        if (!execBound(q, QStringLiteral("%1 WHERE t.id IN (%2)").arg(selectRows(), marks.join(QLatin1Char(','))), values))
            return Messages::database(q);
        auto page = readRows(q);
        if (!page)
            return page.error();
        out += page.value();
    }
    return out;
}

} // namespace outpost
