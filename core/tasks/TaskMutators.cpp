#include "tasks/TaskMutators.h"

#include "mutations/ArgReader.h"
#include "mutations/MutationRegistry.h"
#include "storage/SqlExec.h"
#include "tasks/TaskSql.h"

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("task");
constexpr int kMaxTitle = 200;
constexpr int kMaxNotes = 20000;
constexpr int kMaxUser = 100;

using tasksql::Messages;

Error gone()
{
    return Error(ErrorCode::NotFound,
                 TaskValidation::tr("This task no longer exists; it may have been deleted on another device."));
}

// Reads the editable fields present in `r` over `t`.
void readFields(ArgReader& r, Task* t, bool creating)
{
    if (creating || r.has("title"))
        t->title = r.text("title", true, kMaxTitle);
    if (r.has("notes"))
        t->notes = r.text("notes", false, kMaxNotes);
    if (r.has("dueAt"))
        t->dueAt = r.optionalTime("dueAt");
    if (r.has("reminderAt"))
        t->reminderAt = r.optionalTime("reminderAt");
    if (r.has("assigneeId"))
        t->assigneeId = r.text("assigneeId", false, kMaxUser);
    if (r.has("contactId"))
        t->contactId = r.optionalId("contactId");
    if (r.has("dealId"))
        t->dealId = r.optionalId("dealId");
}

// A linked record must exist when the link is made (it may be deleted later: the link then shows as gone).
Status requireLinks(MutationContext& ctx, const Task& old, const Task& next)
{
    const struct
    {
        QString id, oldId, table;
        QString message;
    } links[] = {
        {next.contactId, old.contactId, QStringLiteral("contacts"),
         TaskValidation::tr("The linked contact no longer exists; it may have been deleted on another device.")},
        {next.dealId, old.dealId, QStringLiteral("deals"),
         TaskValidation::tr("The linked deal no longer exists; it may have been deleted on another device.")},
    };
    for (const auto& link : links) {
        if (link.id.isEmpty() || link.id == link.oldId)
            continue;
        QSqlQuery q(ctx.db());
        q.setForwardOnly(true);
        if (!execBound(q, QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(link.table), {link.id}))
            return Messages::database(q);
        if (!q.next())
            return Error(ErrorCode::NotFound, link.message);
    }
    return {};
}

Status writeTask(MutationContext& ctx, const Task& old, const Task& next)
{
    QJsonObject before, after;
    changedFields(old.toJson(), next.toJson(), &before, &after);
    if (after.isEmpty())
        return {}; // a replay, or nothing changed
    QSqlQuery q(ctx.db());
    if (!execBound(q,
                   QStringLiteral("UPDATE tasks SET title = ?, notes = ?, due_at = ?, reminder_at = ?, assignee_id = ?, "
                                  "contact_id = ?, deal_id = ?, done_at = ?, updated_at = ?, updated_by = ? WHERE id = ?"),
                   {next.title, next.notes, nullableTime(next.dueAt), nullableTime(next.reminderAt), next.assigneeId,
                    next.contactId, next.dealId, nullableTime(next.doneAt), ctx.nowMs(), ctx.mutation().actor, next.id}))
        return Messages::database(q);
    ctx.recordChange(kEntity, next.id, EntityChange::Kind::Updated, before, after);
    return {};
}

Result<Task> requireTask(MutationContext& ctx, const QString& id)
{
    auto t = tasksql::load(ctx.db(), id);
    if (!t)
        return t.error();
    if (!t.value())
        return gone();
    return **t;
}

class CreateTask final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("task.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        Task t;
        t.id = r.id("id");
        t.assigneeId = ctx.mutation().actor;
        t.createdBy = ctx.mutation().actor;
        readFields(r, &t, true);
        if (!r.ok())
            return r.status();
        auto existing = tasksql::load(ctx.db(), t.id);
        if (!existing)
            return existing.error();
        if (existing.value())
            return {}; // replayed
        if (Status s = requireLinks(ctx, Task(), t); !s)
            return s;
        QSqlQuery q(ctx.db());
        if (!execBound(q,
                       QStringLiteral("INSERT INTO tasks(id, title, notes, due_at, reminder_at, assignee_id, created_by, "
                                      "contact_id, deal_id, created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"),
                       {t.id, t.title, t.notes, nullableTime(t.dueAt), nullableTime(t.reminderAt), t.assigneeId,
                        t.createdBy, t.contactId, t.dealId, ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor}))
            return Messages::database(q);
        ctx.recordChange(kEntity, t.id, EntityChange::Kind::Created, {}, t.toJson());
        return {};
    }
};

class UpdateTask final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("task.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        const QJsonObject set = r.object("set", Task::editableFields());
        if (!r.ok())
            return r.status();
        auto old = requireTask(ctx, id);
        if (!old)
            return old.error();
        Task next = old.value();
        ArgReader sr(set);
        readFields(sr, &next, false);
        if (!sr.ok())
            return sr.status();
        if (Status s = requireLinks(ctx, old.value(), next); !s)
            return s;
        return writeTask(ctx, old.value(), next);
    }
};

class SetTaskDone final : public Mutator
{
public:
    explicit SetTaskDone(bool done) : m_done(done) {}
    QString name() const override { return m_done ? QStringLiteral("task.complete") : QStringLiteral("task.reopen"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        if (!r.ok())
            return r.status();
        auto old = requireTask(ctx, id);
        if (!old)
            return old.error();
        if (old->isDone() == m_done)
            return {}; // already so
        Task next = old.value();
        next.doneAt = m_done ? std::optional<qint64>(ctx.nowMs()) : std::nullopt;
        return writeTask(ctx, old.value(), next);
    }

private:
    bool m_done;
};

class DeleteTask final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("task.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        if (!r.ok())
            return r.status();
        auto old = tasksql::load(ctx.db(), id);
        if (!old)
            return old.error();
        if (!old.value())
            return {}; // deleted already
        QSqlQuery q(ctx.db());
        if (!execBound(q, QStringLiteral("DELETE FROM tasks WHERE id = ?"), {id}))
            return Messages::database(q);
        ctx.recordChange(kEntity, id, EntityChange::Kind::Deleted, old.value()->toJson(), {});
        return {};
    }
};

} // namespace

void registerTaskMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreateTask>());
    registry.add(std::make_unique<UpdateTask>());
    registry.add(std::make_unique<SetTaskDone>(true));
    registry.add(std::make_unique<SetTaskDone>(false));
    registry.add(std::make_unique<DeleteTask>());
}

} // namespace outpost
