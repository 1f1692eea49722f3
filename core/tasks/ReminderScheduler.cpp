#include "tasks/ReminderScheduler.h"

#include "storage/Database.h"
#include "storage/SqlExec.h"
#include "storage/Transaction.h"
#include "tasks/TaskSql.h"

#include <QSqlQuery>

namespace outpost {

namespace {
// Open tasks with a reminder this device has not shown at that time, for the user or for nobody.
const char* const kPending = "FROM tasks t LEFT JOIN task_reminders_shown s ON s.task_id = t.id "
                             "WHERE t.done_at IS NULL AND t.reminder_at IS NOT NULL "
                             "AND (s.task_id IS NULL OR s.reminder_at <> t.reminder_at) "
                             "AND (t.assignee_id = ? OR t.assignee_id = '')";
} // namespace

ReminderScheduler::ReminderScheduler(Database& db, const Clock& clock, QObject* parent)
    : QObject(parent), m_db(db), m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (Status s = rearm(); !s)
            emit failed(s.message());
    });
}

Status ReminderScheduler::rearm()
{
    if (m_userSource)
        m_userId = m_userSource();
    Status s = readAndArm();
    if (!s) // not left silent until the next task change: read again in a while
        m_timer.start(kRetryMs);
    return s;
}

Status ReminderScheduler::readAndArm()
{
    const qint64 now = m_clock.nowMs();
    if (Status s = announceDue(now); !s)
        return s;
    auto next = nextPending(now);
    if (!next)
        return next.error();
    m_next = next.value();
    if (m_next)
        m_timer.start(int(std::clamp<qint64>(*m_next - now, 0, kMaxWaitMs)));
    else
        m_timer.stop();
    emit rearmed();
    return {};
}

Status ReminderScheduler::announceDue(qint64 now)
{
    QSqlDatabase db = m_db.connection();
    QList<TaskReminder> due;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!execBound(q,
                       QStringLiteral("SELECT t.id, t.title, t.reminder_at, t.due_at %1 AND t.reminder_at <= ? "
                                      "ORDER BY t.reminder_at, t.rid")
                           .arg(QLatin1String(kPending)),
                       {m_userId, now}))
            return tasksql::Messages::database(q);
        while (q.next()) {
            TaskReminder r{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), std::nullopt};
            if (!q.value(3).isNull())
                r.dueAt = q.value(3).toLongLong();
            due.append(r);
        }
    }
    if (due.isEmpty())
        return {};
    // Remembered before they are announced: a failure to remember shows nothing rather than repeating forever.
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery w(db);
    for (const TaskReminder& r : due) {
        if (!execBound(w, QStringLiteral("DELETE FROM task_reminders_shown WHERE task_id = ?"), {r.taskId})
            || !execBound(w, QStringLiteral("INSERT INTO task_reminders_shown(task_id, reminder_at) VALUES(?, ?)"),
                          {r.taskId, r.reminderAt}))
            return tasksql::Messages::database(w);
    }
    if (Status s = tx.commit(); !s)
        return s;
    for (const TaskReminder& r : due)
        emit reminderDue(r);
    return {};
}

Result<std::optional<qint64>> ReminderScheduler::nextPending(qint64 after)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT min(t.reminder_at) %1 AND t.reminder_at > ?").arg(QLatin1String(kPending)),
                   {m_userId, after})
        || !q.next())
        return tasksql::Messages::database(q);
    if (q.value(0).isNull())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

} // namespace outpost
