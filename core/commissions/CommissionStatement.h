#pragma once

#include "commissions/PeriodInput.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace outpost::commissions {

// One line of a statement: who or which order produced it, at which level, by which rule and percentage.
struct StatementLine
{
    PayoutRule rule = PayoutRule::Unilevel;
    PayoutRule clawedRule = PayoutRule::Unilevel;
    QString orderId;     // the order (empty in a summary line of a large run: see orderCount)
    QString sourceName;  // buyer (unilevel, fast start) or matched distributor
    int level = 0;       // compressed level; generation for matching
    int levelRaw = 0;    // distance in the tree, counting skipped distributors
    int bp = 0;          // percentage in basis points
    qint64 base = 0;     // what the percentage was applied to (minor units)
    qint64 amount = 0;   // minor units; negative for a clawback
    int orderCount = 1;

    QString ruleText() const;       // "Unilevel", "Clawback of fast start", ... (translated)
    QString percentText() const;    // "4.00 %"
};

// A distributor's statement for one period.
struct Statement
{
    Q_DECLARE_TR_FUNCTIONS(Statement)
public:
    QString periodId, periodName, periodState;
    qint64 startsAt = 0, endsAt = 0;
    QString distributorId, distributorName, paidAsRank, currency;
    qint64 pv = 0, gv = 0, total = 0;
    std::optional<qint64> previousTotal; // the run before the last one (preview)
    QList<StatementLine> lines; // the ledger lines as stored (summary lines in a run above kPerOrderLimit orders)

    // One header row and one row per line; amounts as decimal major units (2 digits), fields quoted as needed.
    QString toCsv() const;
    // Its rows one at a time (StatementPager writes a statement of any size page by page).
    QString csvHeader() const;
    QString csvRow(const StatementLine& line) const;
    QString csvTotal() const;
    // Who, which period, PV, GV, rank and total, as HTML (the dialog's and the PDF's header).
    QString headerHtml() const;
    static QString money(qint64 minor, const QString& currency);
};

// One distributor's change between the last two runs of a period (the preview).
struct PreviewRow
{
    QString distributorId;
    QString name;
    qint64 total = 0;
    std::optional<qint64> previousTotal;
    qint64 difference() const { return total - previousTotal.value_or(0); }
};

struct PeriodListRow
{
    QString id, name, state, planId;
    qint64 startsAt = 0, endsAt = 0, runCount = 0, totalPaid = 0, lineCount = 0;
    QString resultDigest, previousDigest;
};

// A distributor's volumes in a calculated period.
struct PeriodVolumes
{
    qint64 pv = 0;
    qint64 gv = 0;
};

class CommissionReports
{
    Q_DECLARE_TR_FUNCTIONS(CommissionReports)
public:
    static Result<Statement> statement(QSqlDatabase& db, const QString& periodId, const QString& distributorId);
    static Result<QList<PeriodListRow>> periods(QSqlDatabase& db);
    // The most recent period that has been calculated (calculated, locked or committed), if any.
    static Result<std::optional<PeriodListRow>> lastCalculated(QSqlDatabase& db);
    // PV and GV of a distributor in a period, from its last run (a run stores a result for everyone with
    // volume, a rank or earnings: no result is zero volume).
    static Result<PeriodVolumes> volumes(QSqlDatabase& db, const QString& periodId, qint64 distributorRid);
    // The biggest changes first (then by name); at most `limit` rows.
    static Result<QList<PreviewRow>> preview(QSqlDatabase& db, const QString& periodId, int limit);
};

} // namespace outpost::commissions
