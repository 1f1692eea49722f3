#pragma once

#include "commissions/CommissionStatement.h"
#include "commissions/CommissionStore.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QSqlDatabase>

#include <atomic>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

namespace outpost::commissions {

// One distributor's statement for a period line by line, one order per line, read page by page whatever the
// size of the period. The ledger of a period of at most CommissionStore::kPerOrderLimit orders already holds
// one line per order; a larger run stores summary lines (per earner, rule, source and level, "N orders"),
// and each is itemised here from the orders it folds, the way the engine computed it:
//  - unilevel of buyer B at percentage p: every order of B in the period with a CV (net of the returns dated
//    before the period's end), amount floor(CV × p);
//  - fast start of buyer B: the same for B's orders in B's first days (join date from the period's snapshot);
//  - matching of distributor D at percentage m: for each of D's unilevel lines of the run and each order it
//    folds, floor(floor(CV × p) × m), based on what D earned on that order.
// Clawbacks name their order already. An itemised summary line must add up to the stored line (amount, base
// and order count); otherwise the orders changed after the run and the pager fails with a message saying
// to calculate again. Memory: a page, plus the orders of the one summary line being itemised.
class StatementPager
{
    Q_DECLARE_TR_FUNCTIONS(StatementPager)
public:
    // The statement of `distributorId` in `period` (which has been calculated), from its first line.
    static Result<StatementPager> open(QSqlDatabase db, const PeriodRow& period, const QString& distributorId);

    // The next lines, at most `limit` (≥ 1); empty when every line has been read.
    Result<QList<StatementLine>> next(int limit);
    bool atEnd() const { return m_ledgerDone && m_ledger.empty() && m_pending.empty(); }
    // Reads through `db` from now on. A pager may move between threads, one at a time, each reading through
    // its own connection (the statement dialog's worker); no query is left open between next() calls.
    void setConnection(QSqlDatabase db) { m_db = std::move(db); }

    // Writes the whole statement as CSV (Statement::csvHeader, one row per order line, the total row), page by
    // page. `header` gives the period, distributor, currency and total. Between pages it stops with
    // ErrorCode::Cancelled once `*cancel` is set, and tells `progress` how many order lines it has written.
    static Status writeCsv(QSqlDatabase db, const PeriodRow& period, const Statement& header, QIODevice* out,
                           const std::atomic_bool* cancel = nullptr,
                           const std::function<void(qint64 lines)>& progress = {});

    static constexpr int kLedgerBatch = 64; // ledger lines read at a time
    static constexpr int kCsvPage = 512;    // order lines written between two looks at the cancel flag

private:
    StatementPager() = default;
    struct LedgerRow
    {
        StatementLine line;
        qint64 sourceRid = 0;
        bool summary = false; // folds many orders: itemised when it is next to show
    };
    Status readLedger();
    Status takeLedgerRow();
    Status itemise(const StatementLine& summary, qint64 sourceRid);
    Result<qint64> joinDateOf(qint64 distributorRid);

    QSqlDatabase m_db;
    PeriodRow m_period;
    qint64 m_earnerRid = 0;
    qint64 m_lastSeq = -1;
    bool m_ledgerDone = false;
    std::deque<LedgerRow> m_ledger;      // read, not yet shown or itemised (at most kLedgerBatch)
    std::deque<StatementLine> m_pending; // lines ready to show
    std::vector<std::pair<qint64, qint64>> m_joinDates; // (rid, join date) from the snapshot, read at first need
    qint64 m_fastStartMs = 0;
};

} // namespace outpost::commissions
