#pragma once

#include "tasks/Task.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

class QSqlQuery;

namespace outpost::tasksql {

QString columns(); // every column of a task, in the order readTask() expects
Task readTask(const QSqlQuery& q, int first = 0);
Result<std::optional<Task>> load(QSqlDatabase& db, const QString& id);

class Messages
{
    Q_DECLARE_TR_FUNCTIONS(outpost::TaskMessages)
public:
    static Error database(const QSqlQuery& q);
};

} // namespace outpost::tasksql
