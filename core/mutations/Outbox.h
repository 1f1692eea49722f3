#pragma once

#include "mutations/Mutation.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace outpost {

// Local mutations not yet acknowledged by the server, in the order they were made.
class Outbox
{
    Q_DECLARE_TR_FUNCTIONS(Outbox)
public:
    static Status append(QSqlDatabase& db, const Mutation& m);
    static Result<QList<Mutation>> pending(QSqlDatabase& db, int limit, qint64 afterSeq = 0);
    static Result<qint64> count(QSqlDatabase& db);
    // Drops every mutation up to and including `seq` (the server has applied them).
    static Status acknowledge(QSqlDatabase& db, qint64 seq);
};

} // namespace outpost
