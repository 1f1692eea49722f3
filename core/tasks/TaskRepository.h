#pragma once

#include "tasks/Task.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace outpost {

class Database;

// The task views: Today, Overdue, Upcoming (later, or without a due time) and Done, read a page at a time.
class TaskRepository
{
    Q_DECLARE_TR_FUNCTIONS(TaskRepository)
public:
    enum class View { Today, Overdue, Upcoming, Done };

    // Where "today" starts and ends for the user, in UTC ms.
    struct Day
    {
        qint64 start = 0;
        qint64 end = 0;
        static Day containing(qint64 nowMs, const QTimeZone& zone);
    };

    struct Row
    {
        Task task;
        QString contactName; // of the linked contact, if it is here
        QString dealTitle;   // of the linked deal, if it is here
    };

    explicit TaskRepository(Database& db) : m_db(db) {}

    // Overdue, Today and Upcoming list open tasks by due time; Done lists completed ones, latest first.
    Result<QList<Row>> tasks(View view, const Day& today, int offset, int limit);
    Result<qint64> count(View view, const Day& today);
    // The open tasks linked to a contact or a deal (quick views on those records).
    Result<QList<Row>> openTasksFor(const QString& contactId, const QString& dealId, int limit = 100);
    // The rows of these tasks as they are now, in no particular order; a task no longer here is left out.
    Result<QList<Row>> rows(const QStringList& taskIds);

private:
    Database& m_db;
};

} // namespace outpost
