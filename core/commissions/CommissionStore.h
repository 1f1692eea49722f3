#pragma once

#include "commissions/CommissionEngine.h"
#include "storage/ScopedPageCache.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>

#include <atomic>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

struct sqlite3;

namespace outpost::commissions {

// Progress and cancel of a long commission step (calculate: read, compute, write). The caller owns it; a
// null control means "no progress, no cancel" (the server, replays).
struct RunControl
{
    std::function<void(int permille, const QString& stage)> progress; // called on the running thread
    const std::atomic_bool* cancel = nullptr;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void report(int permille, const QString& stage) const
    {
        if (progress)
            progress(permille, stage);
    }
};

// The control of the mutation running on this thread, if its caller set one (see CommissionRunner): a
// mutator cannot take extra arguments, so the runner lends it for the duration of its submit().
class ScopedRunControl
{
public:
    explicit ScopedRunControl(const RunControl* control);
    ~ScopedRunControl();
    ScopedRunControl(const ScopedRunControl&) = delete;
    ScopedRunControl& operator=(const ScopedRunControl&) = delete;
    static const RunControl* current();

private:
    const RunControl* m_previous;
};

// Tests only: runs on this thread switch to summary lines above `limit` orders instead of kPerOrderLimit, so a
// summary ledger (and its itemised statement) can be checked on a small period. Every replica must use the
// same limit (results are recomputed, not synced), so nothing but a test may set it.
class ScopedPerOrderLimit
{
public:
    explicit ScopedPerOrderLimit(qint64 limit);
    ~ScopedPerOrderLimit();
    ScopedPerOrderLimit(const ScopedPerOrderLimit&) = delete;
    ScopedPerOrderLimit& operator=(const ScopedPerOrderLimit&) = delete;

private:
    qint64 m_previous;
};

// For the duration of a commission run, a small page cache on a SQLite/SQLCipher connection (none on other
// drivers): a run reads every page of its period once (about 1 GB at 1M distributors / 10M order lines) and
// appends its ledger, so the connection's usual cache (128 MiB) would only hold memory the run needs.
// Restores the previous size when it goes.
class ScopedRunPageCache : public ScopedPageCache
{
public:
    explicit ScopedRunPageCache(QSqlDatabase& db) : ScopedPageCache(db, kRunCacheKiB) {}

    static constexpr int kRunCacheKiB = 8 * 1024;
};

// One row of commission_periods.
struct PeriodRow
{
    qint64 rid = 0;
    QString id;
    QString name;
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    QString state; // open | calculated | locked | committed
    QString planId;
    QByteArray planJson; // the plan as last run
    qint64 runCount = 0;
    QString resultDigest;
    QString previousDigest;
    QString inputDigest;
    qint64 totalPaid = 0;
    qint64 lineCount = 0;
};

// A period's input as read from the store, with what is needed to write its results back.
struct LoadedInput
{
    PeriodInput input;                 // distributors in rid order: input.distributors[i].rid
    std::vector<qint32> indexOfRid;    // rid → dense index (-1: none)
    QByteArray digest;                 // SHA-256 hex of everything the run reads
};

// What a calculation wrote.
struct CalculationSummary
{
    QString digest; // PeriodResult::digest()
    qint64 totalPaid = 0;
    qint64 lineCount = 0;
};

// Storage of commission periods: the bulk reader that builds a PeriodInput, the ledger writer, and the
// distributor snapshot a committed period is re-run from. Works on the caller's connection and inside the
// caller's transaction (the period mutators). Hot loops use raw sqlite3 statements on the handle.
class CommissionStore
{
    Q_DECLARE_TR_FUNCTIONS(CommissionStore)
public:
    // Above this many orders a run writes LineDetail::Summary lines (per earner, rule, source and level);
    // below it, one line per order (statements then name every order).
    static constexpr qint64 kPerOrderLimit = 200'000;
    // kPerOrderLimit, or the limit a ScopedPerOrderLimit set on this thread (tests: summary ledgers of small periods).
    static qint64 perOrderLimit();

    static Result<std::optional<PeriodRow>> readPeriod(QSqlDatabase& db, const QString& id);
    static Result<std::optional<PeriodRow>> periodAt(QSqlDatabase& db, qint64 dateMs);
    static Result<CommissionPlan> readPlan(QSqlDatabase& db, const QString& planId, QByteArray* json = nullptr);

    // The live input of a period: distributors as they are now, the period's orders net of returns dated
    // before its end, and returns dated in it of orders of earlier committed periods (with the lines paid
    // on those orders, reproduced by re-running their periods from their snapshots).
    static Result<LoadedInput> loadInput(QSqlDatabase& db, const PeriodRow& period, const CommissionPlan& plan,
                                         const RunControl* control = nullptr);

    // Runs the engine on `loaded` and replaces the period's draft ledger and results with the outcome, and
    // its distributor snapshot. Does not change the period row. The orders and lines of `loaded` are released
    // once the engine has run (a full run writes its ledger without holding its input).
    static Result<CalculationSummary> calculate(QSqlDatabase& db, const PeriodRow& period, const CommissionPlan& plan,
                                                LoadedInput& loaded, const RunControl* control = nullptr);

    // The distributors as the period's last run saw them (rid order), from its snapshot.
    static Result<std::vector<DistributorInput>> snapshot(QSqlDatabase& db, const PeriodRow& period);

    // Quantities returned per order: order rid → (line number, quantity) of each returned line.
    using ReturnedQuantities = QHash<qint64, std::vector<std::pair<qint64, qint64>>>;
    // Adds the lines of one return (its `lines` JSON) to `out`.
    static void addReturnedLines(ReturnedQuantities* out, qint64 orderRid, const QByteArray& linesJson);
    // What is left of `quantity` on line `lineNo` of an order after the returns in `returned`.
    static qint64 netQuantity(const ReturnedQuantities& returned, qint64 orderRid, qint64 lineNo, qint64 quantity);

    // Writes paid-as ranks (and a higher rank achieved) of the period's results back to the distributors.
    static Status writeRanks(QSqlDatabase& db, const PeriodRow& period, const CommissionPlan& plan);

    // The rank index of a stored rank text (a plan rank id or display name, any case); kNoRank otherwise.
    static RankIndex rankFromText(const CommissionPlan& plan, const QString& text);
};

} // namespace outpost::commissions
