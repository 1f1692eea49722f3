#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// Tasks (entity "task"):
// task.create@1   { id, title, notes?, dueAt?, reminderAt? (UTC ms or null), assigneeId? (default: the actor),
//                   contactId?, dealId? }  a linked contact or deal must exist
// task.update@1   { id, set: { title?, notes?, dueAt?, reminderAt?, assigneeId?, contactId?, dealId? } }
// task.complete@1 { id }  completing a completed task keeps its first completion time
// task.reopen@1   { id }
// task.delete@1   { id }
void registerTaskMutators(MutationRegistry& registry);

class TaskValidation
{
    Q_DECLARE_TR_FUNCTIONS(TaskValidation)
};

} // namespace outpost
