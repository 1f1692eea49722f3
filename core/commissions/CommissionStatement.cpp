#include "commissions/CommissionStatement.h"

#include "commissions/CommissionStore.h"
#include "io/CsvWriter.h"
#include "storage/SqlExec.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost::commissions {

namespace {

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, CommissionReports::tr("Could not read the commissions: %1").arg(q.lastError().text()));
}

QString baseRuleText(PayoutRule rule)
{
    switch (rule) {
    case PayoutRule::Unilevel:
        return Statement::tr("Unilevel");
    case PayoutRule::FastStart:
        return Statement::tr("Fast start");
    case PayoutRule::Matching:
        return Statement::tr("Matching");
    case PayoutRule::Clawback:
        return Statement::tr("Clawback");
    }
    return {};
}

// A text field as CsvWriter writes it: quoted where needed, a leading formula character neutralised.
QString csvField(const QString& s)
{
    return CsvWriter::formatField(s, CsvWriter::Options());
}

QString decimal(qint64 minor)
{
    const qint64 a = minor < 0 ? -minor : minor;
    return QStringLiteral("%1%2.%3").arg(minor < 0 ? QStringLiteral("-") : QString()).arg(a / 100).arg(a % 100, 2, 10, QLatin1Char('0'));
}

QString dateText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(Qt::ISODate);
}

} // namespace

QString StatementLine::ruleText() const
{
    if (rule == PayoutRule::Clawback)
        switch (clawedRule) {
        case PayoutRule::Unilevel:
            return Statement::tr("Clawback of unilevel");
        case PayoutRule::FastStart:
            return Statement::tr("Clawback of fast start");
        case PayoutRule::Matching:
            return Statement::tr("Clawback of matching");
        case PayoutRule::Clawback:
            break;
        }
    return baseRuleText(rule);
}

QString StatementLine::percentText() const
{
    return Statement::tr("%1 %").arg(decimal(bp));
}

QString Statement::money(qint64 minor, const QString& currency)
{
    return tr("%1 %2").arg(decimal(minor), currency);
}

QString Statement::csvHeader() const
{
    return QStringList{tr("period"), tr("distributor"), tr("rule"), tr("order"), tr("orders"), tr("from"), tr("level"),
                       tr("tree distance"), tr("percent"), tr("base"), tr("amount"), tr("currency")}
        .join(QLatin1Char(','));
}

QString Statement::csvRow(const StatementLine& l) const
{
    return QStringList{csvField(periodName), csvField(distributorName), csvField(l.ruleText()), l.orderId,
                       QString::number(l.orderCount), csvField(l.sourceName), QString::number(l.level),
                       QString::number(l.levelRaw), decimal(l.bp), decimal(l.base), decimal(l.amount), currency}
        .join(QLatin1Char(','));
}

QString Statement::csvTotal() const
{
    return QStringList{csvField(periodName), csvField(distributorName), csvField(tr("Total")), QString(), QString(),
                       QString(), QString(), QString(), QString(), QString(), decimal(total), currency}
        .join(QLatin1Char(','));
}

QString Statement::toCsv() const
{
    QStringList rows{csvHeader()};
    for (const StatementLine& l : lines)
        rows << csvRow(l);
    rows << csvTotal();
    return rows.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString Statement::headerHtml() const
{
    const auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    return QStringLiteral("<h2>") + esc(tr("Commission statement")) + QStringLiteral("</h2><p><b>") + esc(distributorName)
           + QStringLiteral("</b><br/>")
           + esc(tr("Period %1 (%2 to %3), %4").arg(periodName, dateText(startsAt), dateText(endsAt - 1), periodState))
           + QStringLiteral("<br/>")
           + esc(tr("PV %1, GV %2, paid as %3").arg(pv).arg(gv).arg(paidAsRank.isEmpty() ? tr("no rank") : paidAsRank))
           + QStringLiteral("<br/>") + esc(tr("Total %1").arg(money(total, currency))) + QStringLiteral("</p>");
}

Result<Statement> CommissionReports::statement(QSqlDatabase& db, const QString& periodId, const QString& distributorId)
{
    auto period = CommissionStore::readPeriod(db, periodId);
    if (!period)
        return period.error();
    if (!period.value())
        return Error(ErrorCode::NotFound, tr("The commission period does not exist."));
    const PeriodRow& p = *period.value();
    if (p.runCount == 0)
        return Error(ErrorCode::NotFound, tr("Period %1 has not been calculated yet.").arg(p.name));
    Statement s;
    s.periodId = p.id;
    s.periodName = p.name;
    s.periodState = p.state;
    s.startsAt = p.startsAt;
    s.endsAt = p.endsAt;
    if (auto plan = CommissionPlan::fromJson(p.planJson); plan)
        s.currency = plan->currency;

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT d.rid, d.display_name, r.pv, r.gv, r.paid_as_rank, r.total_minor, r.previous_total "
                                  "FROM distributors d LEFT JOIN commission_results r ON r.distributor_rid = d.rid AND "
                                  "r.period_rid = ? WHERE d.id = ?"),
                   {p.rid, distributorId}))
        return dbError(q);
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("The distributor does not exist."));
    const qint64 rid = q.value(0).toLongLong();
    s.distributorId = distributorId;
    s.distributorName = q.value(1).toString();
    s.pv = q.value(2).toLongLong();
    s.gv = q.value(3).toLongLong();
    s.paidAsRank = q.value(4).toString();
    s.total = q.value(5).toLongLong();
    if (!q.value(6).isNull())
        s.previousTotal = q.value(6).toLongLong();
    q.finish();

    if (!execBound(q,
                   QStringLiteral("SELECT l.rule, l.clawed_rule, o.id, src.display_name, l.level, l.level_raw, l.bp, "
                                  "l.base_minor, l.amount_minor, l.order_count FROM commission_lines l "
                                  "LEFT JOIN orders o ON o.rid = l.source_order_rid "
                                  "LEFT JOIN distributors src ON src.rid = l.source_rid "
                                  "WHERE l.period_rid = ? AND l.earner_rid = ? ORDER BY l.seq"),
                   {p.rid, rid}))
        return dbError(q);
    while (q.next()) {
        StatementLine l;
        l.rule = PayoutRule(q.value(0).toInt());
        l.clawedRule = PayoutRule(q.value(1).toInt());
        l.orderId = q.value(2).toString();
        l.sourceName = q.value(3).toString();
        l.level = q.value(4).toInt();
        l.levelRaw = q.value(5).toInt();
        l.bp = q.value(6).toInt();
        l.base = q.value(7).toLongLong();
        l.amount = q.value(8).toLongLong();
        l.orderCount = q.value(9).toInt();
        s.lines.append(l);
    }
    return s;
}

Result<QList<PeriodListRow>> CommissionReports::periods(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, state, plan_id, starts_at, ends_at, run_count, total_paid, line_count, "
                               "result_digest, previous_digest FROM commission_periods ORDER BY starts_at DESC")))
        return dbError(q);
    QList<PeriodListRow> out;
    while (q.next()) {
        PeriodListRow r;
        r.id = q.value(0).toString();
        r.name = q.value(1).toString();
        r.state = q.value(2).toString();
        r.planId = q.value(3).toString();
        r.startsAt = q.value(4).toLongLong();
        r.endsAt = q.value(5).toLongLong();
        r.runCount = q.value(6).toLongLong();
        r.totalPaid = q.value(7).toLongLong();
        r.lineCount = q.value(8).toLongLong();
        r.resultDigest = q.value(9).toString();
        r.previousDigest = q.value(10).toString();
        out.append(r);
    }
    return out;
}

Result<std::optional<PeriodListRow>> CommissionReports::lastCalculated(QSqlDatabase& db)
{
    auto all = periods(db);
    if (!all)
        return all.error();
    for (const PeriodListRow& p : all.value()) // latest first
        if (p.runCount > 0 && p.state != QLatin1String("open"))
            return std::optional<PeriodListRow>(p);
    return std::optional<PeriodListRow>();
}

Result<PeriodVolumes> CommissionReports::volumes(QSqlDatabase& db, const QString& periodId, qint64 distributorRid)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT r.pv, r.gv FROM commission_periods p JOIN commission_results r ON r.period_rid = "
                                  "p.rid WHERE p.id = ? AND r.distributor_rid = ?"),
                   {periodId, distributorRid}))
        return dbError(q);
    if (!q.next())
        return PeriodVolumes{};
    return PeriodVolumes{q.value(0).toLongLong(), q.value(1).toLongLong()};
}

Result<QList<PreviewRow>> CommissionReports::preview(QSqlDatabase& db, const QString& periodId, int limit)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT d.id, d.display_name, r.total_minor, r.previous_total FROM commission_results r "
                                  "JOIN commission_periods p ON p.rid = r.period_rid JOIN distributors d ON d.rid = r.distributor_rid "
                                  "WHERE p.id = ? AND (r.total_minor <> 0 OR r.previous_total IS NOT NULL) "
                                  "ORDER BY abs(r.total_minor - coalesce(r.previous_total, 0)) DESC, abs(r.total_minor) DESC, "
                                  "d.sort_key LIMIT ?"),
                   {periodId, limit}))
        return dbError(q);
    QList<PreviewRow> out;
    while (q.next()) {
        PreviewRow r;
        r.distributorId = q.value(0).toString();
        r.name = q.value(1).toString();
        r.total = q.value(2).toLongLong();
        if (!q.value(3).isNull())
            r.previousTotal = q.value(3).toLongLong();
        out.append(r);
    }
    return out;
}

} // namespace outpost::commissions
