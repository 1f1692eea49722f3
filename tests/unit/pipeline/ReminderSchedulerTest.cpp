#include "PipelineTestSupport.h"

#include "tasks/ReminderScheduler.h"

#include "Wait.h"

#include <QSignalSpy>

using namespace outpost;
using namespace outpost::test;

namespace {

class ReminderSchedulerTest : public PipelineFixture
{
protected:
    void SetUp() override
    {
        PipelineFixture::SetUp();
        scheduler = std::make_unique<ReminderScheduler>(*t.db, clock);
        scheduler->setUser(QStringLiteral("alice"));
    }
    QString createTask(const QString& title, qint64 reminderAt, const QString& assignee = QStringLiteral("alice"))
    {
        const QString id = newUuidV7();
        mustSubmit(QStringLiteral("task.create"), {{QStringLiteral("id"), id},
                                                   {QStringLiteral("title"), title},
                                                   {QStringLiteral("reminderAt"), double(reminderAt)},
                                                   {QStringLiteral("assigneeId"), assignee}});
        return id;
    }
    std::unique_ptr<ReminderScheduler> scheduler;
};

TEST_F(ReminderSchedulerTest, ArmsOneTimerForTheNextReminderNotAPoll)
{
    EXPECT_TRUE(scheduler->rearm().ok());
    EXPECT_FALSE(scheduler->isArmed()); // nothing to remind of
    createTask(QStringLiteral("later"), clock.nowMs() + 10 * 60 * 1000);
    createTask(QStringLiteral("sooner"), clock.nowMs() + 2 * 60 * 1000);
    createTask(QStringLiteral("bob's"), clock.nowMs() + 60 * 1000, QStringLiteral("bob"));
    ASSERT_TRUE(scheduler->rearm().ok());
    EXPECT_TRUE(scheduler->isArmed());
    EXPECT_EQ(scheduler->nextReminderAt(), clock.nowMs() + 2 * 60 * 1000); // bob's reminder is not ours
    EXPECT_EQ(scheduler->armedIntervalMs(), 2 * 60 * 1000);
    // Far away: the timer looks again after at most kMaxWaitMs (a changed wall clock is noticed).
    ManualClock far(clock.nowMs() - 24 * 3600 * 1000);
    ReminderScheduler early(*t.db, far);
    early.setUser(QStringLiteral("alice"));
    ASSERT_TRUE(early.rearm().ok());
    EXPECT_EQ(early.armedIntervalMs(), int(ReminderScheduler::kMaxWaitMs));
}

TEST_F(ReminderSchedulerTest, AnnouncesADueReminderOnceWhenTheTimerFires)
{
    const QString id = createTask(QStringLiteral("Call Ines"), clock.nowMs() + 40);
    QSignalSpy due(scheduler.get(), &ReminderScheduler::reminderDue);
    ASSERT_TRUE(scheduler->rearm().ok());
    EXPECT_EQ(due.count(), 0);
    clock.advance(40); // the injected clock reaches the reminder by the time the 40 ms timer fires
    ASSERT_TRUE(due.wait(5000));
    ASSERT_EQ(due.count(), 1);
    const auto reminder = due.first().first().value<TaskReminder>();
    EXPECT_EQ(reminder.taskId, id);
    EXPECT_EQ(reminder.title, QStringLiteral("Call Ines"));
    EXPECT_FALSE(scheduler->isArmed());
    ASSERT_TRUE(scheduler->rearm().ok()); // e.g. after another task changed, or at the next start
    EXPECT_EQ(due.count(), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM task_reminders_shown")), 1);
}

TEST_F(ReminderSchedulerTest, MissedRemindersShowAtStartAndAMovedReminderShowsAgain)
{
    const QString id = createTask(QStringLiteral("Missed while closed"), clock.nowMs() - 5000);
    createTask(QStringLiteral("Done already"), clock.nowMs() - 5000);
    mustSubmit(QStringLiteral("task.complete"),
               {{QStringLiteral("id"), text(QStringLiteral("SELECT id FROM tasks WHERE title = 'Done already'"))}});
    QSignalSpy due(scheduler.get(), &ReminderScheduler::reminderDue);
    ASSERT_TRUE(scheduler->rearm().ok());
    ASSERT_EQ(due.count(), 1); // the open one only
    mustSubmit(QStringLiteral("task.update"), {{QStringLiteral("id"), id},
                                               {QStringLiteral("set"), QJsonObject{{QStringLiteral("reminderAt"), double(clock.nowMs() + 1000)}}}});
    ASSERT_TRUE(scheduler->rearm().ok());
    EXPECT_EQ(scheduler->nextReminderAt(), clock.nowMs() + 1000);
    clock.advance(1000);
    ASSERT_TRUE(scheduler->rearm().ok());
    EXPECT_EQ(due.count(), 2);
}

} // namespace

TEST_F(ReminderSchedulerTest, TheUserIsAskedAtEveryReadingSoASignInLaterFindsTheirReminders)
{
    createTask(QStringLiteral("Dan's call"), clock.nowMs() - 1000, QStringLiteral("dan"));
    QString user = QStringLiteral("local"); // before the saved sign-in is read
    scheduler->setUserSource([&] { return user; });
    QSignalSpy due(scheduler.get(), &ReminderScheduler::reminderDue);
    ASSERT_TRUE(scheduler->rearm().ok());
    EXPECT_EQ(due.count(), 0);
    user = QStringLiteral("dan"); // signed in: the next reading (the timer's, at the latest) is Dan's
    ASSERT_TRUE(scheduler->rearm().ok());
    ASSERT_EQ(due.count(), 1);
    EXPECT_EQ(due.first().first().value<TaskReminder>().title, QStringLiteral("Dan's call"));
}
