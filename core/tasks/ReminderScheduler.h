#pragma once

#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>

#include <functional>
#include <QTimer>

namespace outpost {

class Database;

struct TaskReminder
{
    QString taskId;
    QString title;
    qint64 reminderAt = 0;
    std::optional<qint64> dueAt;
};

// Tells when task reminders fall due. One single-shot timer is armed for the next reminder not yet shown (no
// polling); rearm() after tasks change. When it fires, every reminder due by then is announced once through
// reminderDue() and remembered in task_reminders_shown (a reminder moved to a new time is announced again).
// Reminders that fell due while the app was closed are announced at the first rearm(). Only open tasks
// assigned to the user (or to nobody) count. The clock is injected so tests drive time.
class ReminderScheduler : public QObject
{
    Q_OBJECT
public:
    ReminderScheduler(Database& db, const Clock& clock, QObject* parent = nullptr);

    void setUser(const QString& userId) { m_userId = userId; }
    // Who the user is, asked at every reading instead (the signed-in user can change after start-up: the saved
    // sign-in is read from the keychain later, or the user signs in).
    void setUserSource(std::function<QString()> source) { m_userSource = std::move(source); }
    // Announces what is due now, then arms the timer for the next reminder (or stops it when there is none).
    // If the reading fails (the database busy), the timer tries again in kRetryMs.
    Status rearm();

    // The reminder the timer is armed for (UTC ms), or nothing.
    std::optional<qint64> nextReminderAt() const { return m_next; }
    bool isArmed() const { return m_timer.isActive(); }
    int armedIntervalMs() const { return m_timer.interval(); }

    // The longest the timer waits before looking again (wall-clock changes, suspend).
    static constexpr qint64 kMaxWaitMs = 15 * 60 * 1000;
    static constexpr int kRetryMs = 60 * 1000;

signals:
    void reminderDue(const outpost::TaskReminder& reminder);
    void failed(const QString& message);
    // rearm() read the reminders again (for tests: what re-arms it, and what does not).
    void rearmed();

private:
    Status readAndArm();
    Status announceDue(qint64 now);
    Result<std::optional<qint64>> nextPending(qint64 after);

    Database& m_db;
    const Clock& m_clock;
    QString m_userId;
    std::function<QString()> m_userSource;
    QTimer m_timer;
    std::optional<qint64> m_next;
};

} // namespace outpost

Q_DECLARE_METATYPE(outpost::TaskReminder)
