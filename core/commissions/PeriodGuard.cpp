#include "commissions/PeriodGuard.h"

#include "storage/SqlExec.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost::commissions {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database,
                 PeriodGuard::tr("Could not read the commission periods: %1").arg(q.lastError().text()));
}
} // namespace

Status PeriodGuard::requireOpenAt(QSqlDatabase& db, qint64 dateMs, Change change)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT name, state FROM commission_periods WHERE starts_at <= ? AND ends_at > ? "
                                  "AND state IN ('locked', 'committed') LIMIT 1"),
                   {dateMs, dateMs}))
        return dbError(q);
    if (!q.next())
        return {};
    const QString period = q.value(0).toString();
    const bool committed = q.value(1).toString() == QLatin1String("committed");
    switch (change) {
    case Change::Order:
        return Error(ErrorCode::Rejected,
                     committed ? tr("The order is dated in commission period %1, which is committed: its commissions "
                                    "are final. Date the order in an open period.")
                                     .arg(period)
                               : tr("The order is dated in commission period %1, which is locked for payment. Date the "
                                    "order in an open period.")
                                     .arg(period));
    case Change::Return:
        return Error(ErrorCode::Rejected,
                     committed ? tr("The return is dated in commission period %1, which is committed. Date the return "
                                    "in an open period; its commissions are then clawed back there.")
                                     .arg(period)
                               : tr("The return is dated in commission period %1, which is locked for payment. Date "
                                    "the return in an open period.")
                                     .arg(period));
    case Change::Move:
        return Error(ErrorCode::Rejected,
                     committed ? tr("The move takes effect in commission period %1, which is committed: its genealogy "
                                    "is final. Give the move an effective date in an open period.")
                                     .arg(period)
                               : tr("The move takes effect in commission period %1, which is locked for payment. Give "
                                    "the move an effective date in an open period.")
                                     .arg(period));
    }
    return {};
}

Status PeriodGuard::requirePlanEditable(QSqlDatabase& db, const QString& planId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT name, state FROM commission_periods WHERE plan_id = ? "
                                  "AND state IN ('locked', 'committed') ORDER BY starts_at DESC LIMIT 1"),
                   {planId}))
        return dbError(q);
    if (!q.next())
        return {};
    const QString period = q.value(0).toString();
    if (q.value(1).toString() == QLatin1String("committed"))
        return Error(ErrorCode::Rejected, tr("This plan was used by commission period %1, which is committed: its "
                                             "rules are final. Create a new plan for the open periods instead.")
                                              .arg(period));
    return Error(ErrorCode::Rejected, tr("This plan is used by commission period %1, which is locked for payment. "
                                         "Create a new plan for the open periods instead.")
                                          .arg(period));
}

} // namespace outpost::commissions
