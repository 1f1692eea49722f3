#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace outpost::commissions {

// The rule that keeps a closed commission period immutable: nothing dated in a locked or committed period
// may be added or changed. Called by every mutator that writes something a period's run reads (orders,
// returns, genealogy moves, plan edits).
class PeriodGuard
{
    Q_DECLARE_TR_FUNCTIONS(PeriodGuard)
public:
    enum class Change { Order, Return, Move };

    // ErrorCode::Rejected, with the period's name and state, when `dateMs` (UTC ms) falls in a locked or
    // committed period; ok otherwise (also when no period covers the date).
    static Status requireOpenAt(QSqlDatabase& db, qint64 dateMs, Change change);

    // ErrorCode::Rejected when a locked or committed period runs under plan `planId`: such a plan is frozen.
    static Status requirePlanEditable(QSqlDatabase& db, const QString& planId);
};

} // namespace outpost::commissions
