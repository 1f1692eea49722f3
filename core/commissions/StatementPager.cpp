#include "commissions/StatementPager.h"

#include "storage/FastQuery.h"

#include <algorithm>

namespace outpost::commissions {

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

Error dbError(const QString& detail)
{
    return Error(ErrorCode::Database, StatementPager::tr("Could not read the statement: %1").arg(detail));
}

} // namespace

Result<StatementPager> StatementPager::open(QSqlDatabase db, const PeriodRow& period, const QString& distributorId)
{
    if (period.runCount == 0)
        return Error(ErrorCode::NotFound, tr("Period %1 has not been calculated yet.").arg(period.name));
    auto plan = CommissionPlan::fromJson(period.planJson);
    if (!plan)
        return Error(ErrorCode::Database,
                     tr("The plan stored with period %1 cannot be read: %2").arg(period.name, plan.message()));
    FastQuery q(db);
    if (!q.prepare(QStringLiteral("SELECT rid FROM distributors WHERE id = ?")))
        return dbError(q.lastError());
    q.bind(1, distributorId);
    if (!q.exec())
        return dbError(q.lastError());
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("The distributor does not exist."));
    StatementPager pager;
    pager.m_db = db;
    pager.m_period = period;
    pager.m_earnerRid = q.int64(0);
    pager.m_fastStartMs = qint64(plan->fastStartDays) * kDayMs;
    return pager;
}

Result<QList<StatementLine>> StatementPager::next(int limit)
{
    // One ledger line at a time: a summary line is itemised only when its orders are the next to show, so
    // memory holds the orders of one summary line, not of a whole batch of them.
    while (qint64(m_pending.size()) < limit && !(m_ledgerDone && m_ledger.empty())) {
        if (m_ledger.empty()) {
            if (Status s = readLedger(); !s)
                return s.error();
        } else if (Status s = takeLedgerRow(); !s) {
            return s.error();
        }
    }
    QList<StatementLine> page;
    while (page.size() < limit && !m_pending.empty()) {
        page.append(std::move(m_pending.front()));
        m_pending.pop_front();
    }
    return page;
}

Status StatementPager::readLedger()
{
    FastQuery q(m_db);
    if (!q.prepare(QStringLiteral("SELECT l.seq, l.rule, l.clawed_rule, o.id, src.display_name, l.level, l.level_raw, "
                                  "l.bp, l.base_minor, l.amount_minor, l.order_count, l.source_rid, l.source_order_rid "
                                  "FROM commission_lines l LEFT JOIN orders o ON o.rid = l.source_order_rid "
                                  "LEFT JOIN distributors src ON src.rid = l.source_rid "
                                  "WHERE l.period_rid = ? AND l.earner_rid = ? AND l.seq > ? ORDER BY l.seq LIMIT ?")))
        return dbError(q.lastError());
    q.bind(1, m_period.rid);
    q.bind(2, m_earnerRid);
    q.bind(3, m_lastSeq);
    q.bind(4, kLedgerBatch);
    if (!q.exec())
        return dbError(q.lastError());
    qsizetype read = 0;
    while (q.next()) {
        LedgerRow r;
        m_lastSeq = q.int64(0);
        r.line.rule = PayoutRule(q.int64(1));
        r.line.clawedRule = PayoutRule(q.int64(2));
        r.line.orderId = q.text(3);
        r.line.sourceName = q.text(4);
        r.line.level = int(q.int64(5));
        r.line.levelRaw = int(q.int64(6));
        r.line.bp = int(q.int64(7));
        r.line.base = q.int64(8);
        r.line.amount = q.int64(9);
        r.line.orderCount = int(q.int64(10));
        r.sourceRid = q.int64(11);
        r.summary = q.int64(12) == 0 && r.line.rule != PayoutRule::Clawback;
        m_ledger.push_back(std::move(r));
        ++read;
    }
    if (!q.lastError().isEmpty())
        return dbError(q.lastError());
    m_ledgerDone = read < kLedgerBatch;
    return {};
}

Status StatementPager::takeLedgerRow()
{
    LedgerRow r = std::move(m_ledger.front());
    m_ledger.pop_front();
    if (!r.summary) {
        m_pending.push_back(std::move(r.line));
    } else if (Status s = itemise(r.line, r.sourceRid); !s) {
        m_ledgerDone = true; // nothing after a line that cannot be itemised is shown out of order
        m_ledger.clear();
        m_pending.clear();
        return s;
    }
    return {};
}

Result<qint64> StatementPager::joinDateOf(qint64 distributorRid)
{
    if (m_joinDates.empty()) {
        auto snapshot = CommissionStore::snapshot(m_db, m_period);
        if (!snapshot)
            return snapshot.error();
        m_joinDates.reserve(snapshot->size());
        for (const DistributorInput& d : *snapshot)
            m_joinDates.emplace_back(d.rid, d.joinDate); // in rid order
    }
    const auto it = std::lower_bound(m_joinDates.begin(), m_joinDates.end(), std::make_pair(distributorRid, qint64(0)),
                                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (it == m_joinDates.end() || it->first != distributorRid)
        return Error(ErrorCode::Database, tr("A fast-start line names a distributor the run did not see."));
    return it->second;
}

Status StatementPager::itemise(const StatementLine& summary, qint64 sourceRid)
{
    const bool matching = summary.rule == PayoutRule::Matching;
    qint64 since = m_period.startsAt, until = m_period.endsAt;
    if (summary.rule == PayoutRule::FastStart) {
        auto joined = joinDateOf(sourceRid);
        if (!joined)
            return joined.error();
        since = std::max(since, joined.value());
        until = std::min(until, joined.value() + m_fastStartMs);
    }
    // The orders folded into the line: the buyer's (unilevel, fast start), or those of every unilevel line the
    // matched distributor earned in this run (matching), each order's lines in turn.
    const QString from = matching ? QStringLiteral(" FROM commission_lines l JOIN orders o ON o.distributor_rid = l.source_rid")
                                  : QStringLiteral(" FROM orders o");
    const QString where = matching ? QStringLiteral(" WHERE l.period_rid = ? AND l.earner_rid = ? AND l.rule = 0 AND "
                                                    "o.order_date >= ? AND o.order_date < ?")
                                   : QStringLiteral(" WHERE o.distributor_rid = ? AND o.order_date >= ? AND o.order_date < ?");
    const auto bindSource = [&](FastQuery& q) {
        int i = 1;
        if (matching)
            q.bind(i++, m_period.rid);
        q.bind(i++, sourceRid);
        q.bind(i++, since);
        q.bind(i++, until);
        return i;
    };
    CommissionStore::ReturnedQuantities returned;
    FastQuery q(m_db);
    if (!q.prepare(QStringLiteral("SELECT r.order_rid, r.lines FROM order_returns r WHERE r.order_rid IN (SELECT o.rid")
                   + from + where + QStringLiteral(") AND r.return_date < ?")))
        return dbError(q.lastError());
    q.bind(bindSource(q), m_period.endsAt);
    if (!q.exec())
        return dbError(q.lastError());
    while (q.next())
        CommissionStore::addReturnedLines(&returned, q.int64(0), q.bytes(1));

    if (!q.prepare(QStringLiteral("SELECT o.rid, o.id, ol.line_no, ol.quantity, ol.unit_cv, ")
                   + (matching ? QStringLiteral("l.bp") : QStringLiteral("0")) + from
                   + QStringLiteral(" JOIN order_lines ol ON ol.order_rid = o.rid") + where
                   + (matching ? QStringLiteral(" ORDER BY l.seq, o.order_date, o.rid, ol.line_no")
                               : QStringLiteral(" ORDER BY o.order_date, o.rid, ol.line_no"))))
        return dbError(q.lastError());
    bindSource(q);
    if (!q.exec())
        return dbError(q.lastError());

    std::vector<StatementLine> lines;
    Money amount = 0, base = 0;
    qint64 orderRid = 0;
    QString orderId;
    Money cv = 0;
    BasisPoints earnedBp = 0; // matching: the percentage the matched distributor earned on the order
    const auto finishOrder = [&] {
        if (orderRid == 0 || cv == 0)
            return; // the engine pays nothing on an order without CV
        StatementLine l = summary;
        l.orderId = orderId;
        l.orderCount = 1;
        l.base = matching ? percentOf(cv, earnedBp) : cv;
        l.amount = percentOf(l.base, summary.bp);
        amount += l.amount;
        base += l.base;
        lines.push_back(std::move(l));
    };
    while (q.next()) {
        if (q.int64(0) != orderRid) {
            finishOrder();
            orderRid = q.int64(0);
            orderId = q.text(1);
            earnedBp = BasisPoints(q.int64(5));
            cv = 0;
        }
        const qint64 quantity = CommissionStore::netQuantity(returned, orderRid, q.int64(2), q.int64(3));
        if (quantity > 0)
            cv += quantity * q.int64(4);
    }
    if (!q.lastError().isEmpty())
        return dbError(q.lastError());
    finishOrder();
    if (amount != summary.amount || base != summary.base || qint64(lines.size()) != summary.orderCount)
        return Error(ErrorCode::Rejected,
                     tr("The %1 line from %2 cannot be itemised: its orders changed after the last run of period %3 "
                        "(%4 orders for %5 now, %6 orders for %7 in the run). Calculate the period again.")
                         .arg(summary.ruleText(), summary.sourceName, m_period.name)
                         .arg(lines.size())
                         .arg(amount)
                         .arg(summary.orderCount)
                         .arg(summary.amount));
    for (StatementLine& l : lines)
        m_pending.push_back(std::move(l));
    return {};
}

Status StatementPager::writeCsv(QSqlDatabase db, const PeriodRow& period, const Statement& header, QIODevice* out,
                               const std::atomic_bool* cancel, const std::function<void(qint64 lines)>& progress)
{
    auto pager = open(db, period, header.distributorId);
    if (!pager)
        return pager.error();
    const auto write = [&](const QString& row) -> Status {
        const QByteArray bytes = (row + QLatin1Char('\n')).toUtf8();
        if (out->write(bytes) != bytes.size())
            return Error(ErrorCode::Io, tr("Could not write the statement: %1").arg(out->errorString()));
        return {};
    };
    if (Status s = write(header.csvHeader()); !s)
        return s;
    qint64 written = 0;
    while (!pager->atEnd()) {
        if (cancel && cancel->load())
            return Error(ErrorCode::Cancelled, tr("The export was cancelled."));
        auto page = pager->next(kCsvPage);
        if (!page)
            return page.error();
        for (const StatementLine& l : *page)
            if (Status s = write(header.csvRow(l)); !s)
                return s;
        written += page->size();
        if (progress)
            progress(written);
    }
    return write(header.csvTotal());
}

} // namespace outpost::commissions
