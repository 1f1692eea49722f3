#include "PipelineTestSupport.h"

#include "tasks/TaskRepository.h"
#include "tasks/TaskSql.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace outpost;
using namespace outpost::test;

namespace {

constexpr qint64 kHour = 3600 * 1000;

class TaskMutatorsTest : public PipelineFixture
{
protected:
    QString createTask(const QString& title, std::optional<qint64> dueAt, const QJsonObject& extra = {})
    {
        const QString id = newUuidV7();
        QJsonObject args{{QStringLiteral("id"), id}, {QStringLiteral("title"), title}};
        if (dueAt)
            args.insert(QStringLiteral("dueAt"), double(*dueAt));
        for (auto it = extra.begin(); it != extra.end(); ++it)
            args.insert(it.key(), it.value());
        auto m = submit(QStringLiteral("task.create"), args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }
    Task task(const QString& id)
    {
        QSqlDatabase db = t.db->connection();
        auto got = tasksql::load(db, id);
        EXPECT_TRUE(got.ok() && got->has_value());
        return got.ok() && got->has_value() ? **got : Task();
    }
    QStringList titles(TaskRepository::View view)
    {
        TaskRepository repo(*t.db);
        auto rows = repo.tasks(view, today(), 0, 100);
        EXPECT_TRUE(rows.ok()) << rows.message().toStdString();
        QStringList out;
        for (const auto& r : rows.value())
            out << r.task.title;
        return out;
    }
    TaskRepository::Day today() { return TaskRepository::Day::containing(clock.nowMs(), QTimeZone::utc()); }
};

TEST_F(TaskMutatorsTest, CreateLinksToAContactAndADealAndDefaultsTheAssignee)
{
    const QString contact = newUuidV7();
    mustSubmit(QStringLiteral("contact.create"),
               {{QStringLiteral("id"), contact},
                {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ines")},
                                                       {QStringLiteral("lastName"), QStringLiteral("Moreau")}}}});
    const QString deal = createDeal(QStringLiteral("Kits"), 100);
    const QString id = createTask(QStringLiteral("Call back"), clock.nowMs() + kHour,
                                  {{QStringLiteral("contactId"), contact},
                                   {QStringLiteral("dealId"), deal},
                                   {QStringLiteral("reminderAt"), double(clock.nowMs() + kHour / 2)},
                                   {QStringLiteral("notes"), QStringLiteral("Ask about the invoice")}});
    const Task got = task(id);
    EXPECT_EQ(got.assigneeId, QStringLiteral("alice"));
    EXPECT_EQ(got.createdBy, QStringLiteral("alice"));
    EXPECT_EQ(got.reminderAt, clock.nowMs() + kHour / 2);
    EXPECT_EQ(got.notes, QStringLiteral("Ask about the invoice"));
    TaskRepository repo(*t.db);
    auto rows = repo.tasks(TaskRepository::View::Today, today(), 0, 10);
    ASSERT_EQ(rows->size(), 1);
    EXPECT_EQ(rows->first().contactName, QStringLiteral("Ines Moreau"));
    EXPECT_EQ(rows->first().dealTitle, QStringLiteral("Kits"));
    EXPECT_EQ(repo.openTasksFor(QString(), deal)->size(), 1);
    EXPECT_EQ(repo.openTasksFor(contact, QString())->size(), 1);
}

TEST_F(TaskMutatorsTest, CreateRefusesBadInputAndWritesNothing)
{
    const QJsonObject cases[] = {
        {{QStringLiteral("id"), newUuidV7()}},
        {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("title"), QStringLiteral(" ")}},
        {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("title"), QString(201, QLatin1Char('x'))}},
        {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("dueAt"), QStringLiteral("soon")}},
        {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("reminderAt"), -1}},
        {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("dealId"), newUuidV7()}},
        {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("contactId"), QStringLiteral("42")}},
        {{QStringLiteral("id"), QStringLiteral("not-an-id")}, {QStringLiteral("title"), QStringLiteral("x")}},
    };
    for (const QJsonObject& args : cases) {
        auto m = submit(QStringLiteral("task.create"), args);
        EXPECT_FALSE(m.ok()) << QJsonDocument(args).toJson().toStdString();
        EXPECT_FALSE(m.message().isEmpty());
    }
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM tasks")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
}

TEST_F(TaskMutatorsTest, ViewsSplitOpenTasksByDueDayAndListDoneOnesLatestFirst)
{
    // The clock stands at 2026-01-01 00:00 UTC; move to noon.
    clock.advance(12 * kHour);
    createTask(QStringLiteral("yesterday"), clock.nowMs() - 24 * kHour);
    createTask(QStringLiteral("this morning"), clock.nowMs() - 3 * kHour);
    createTask(QStringLiteral("tonight"), clock.nowMs() + 11 * kHour);
    createTask(QStringLiteral("tomorrow"), clock.nowMs() + 12 * kHour);
    createTask(QStringLiteral("someday"), std::nullopt);
    const QString done1 = createTask(QStringLiteral("done first"), clock.nowMs());
    const QString done2 = createTask(QStringLiteral("done second"), clock.nowMs() - 48 * kHour);
    mustSubmit(QStringLiteral("task.complete"), {{QStringLiteral("id"), done1}});
    clock.advance(1000);
    mustSubmit(QStringLiteral("task.complete"), {{QStringLiteral("id"), done2}});

    EXPECT_EQ(titles(TaskRepository::View::Overdue), strings({"yesterday"}));
    EXPECT_EQ(titles(TaskRepository::View::Today), (strings({"this morning", "tonight"})));
    EXPECT_EQ(titles(TaskRepository::View::Upcoming), (strings({"tomorrow", "someday"})));
    EXPECT_EQ(titles(TaskRepository::View::Done), (strings({"done second", "done first"})));
    TaskRepository repo(*t.db);
    EXPECT_EQ(repo.count(TaskRepository::View::Today, today()).value(), 2);
    EXPECT_EQ(repo.count(TaskRepository::View::Done, today()).value(), 2);
}

TEST_F(TaskMutatorsTest, CompleteReopenUpdateAndDeleteAreReplaySafe)
{
    const QString id = createTask(QStringLiteral("Send samples"), clock.nowMs());
    clock.advance(5000);
    mustSubmit(QStringLiteral("task.complete"), {{QStringLiteral("id"), id}});
    const qint64 doneAt = clock.nowMs();
    clock.advance(5000);
    mustSubmit(QStringLiteral("task.complete"), {{QStringLiteral("id"), id}}); // keeps the first completion
    EXPECT_EQ(task(id).doneAt, doneAt);
    mustSubmit(QStringLiteral("task.reopen"), {{QStringLiteral("id"), id}});
    EXPECT_FALSE(task(id).isDone());
    mustSubmit(QStringLiteral("task.update"), {{QStringLiteral("id"), id},
                                               {QStringLiteral("set"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Send samples to Lyon")},
                                                                                   {QStringLiteral("dueAt"), QJsonValue()},
                                                                                   {QStringLiteral("assigneeId"), QStringLiteral("bob")}}}});
    EXPECT_EQ(task(id).title, QStringLiteral("Send samples to Lyon"));
    EXPECT_FALSE(task(id).dueAt.has_value());
    EXPECT_EQ(task(id).assigneeId, QStringLiteral("bob"));
    auto doneField = submit(QStringLiteral("task.update"), {{QStringLiteral("id"), id},
                                                            {QStringLiteral("set"), QJsonObject{{QStringLiteral("doneAt"), 5}}}});
    ASSERT_FALSE(doneField.ok());
    mustSubmit(QStringLiteral("task.delete"), {{QStringLiteral("id"), id}});
    mustSubmit(QStringLiteral("task.delete"), {{QStringLiteral("id"), id}});
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM tasks")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'task' AND action = 'delete'")), 1);
    auto gone = submit(QStringLiteral("task.complete"), {{QStringLiteral("id"), id}});
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.code(), ErrorCode::NotFound);
}

} // namespace
