#pragma once

#include "pipeline/Pipeline.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QDate>
#include <QTimeZone>

namespace outpost {

class Database;

// Read side of pipelines and deals, for the board, the list, the forecast and the timeline. Every list is
// read a page at a time; nothing loads a whole table.
class DealRepository
{
    Q_DECLARE_TR_FUNCTIONS(DealRepository)
public:
    explicit DealRepository(Database& db) : m_db(db) {}

    Result<QList<Pipeline>> pipelines();
    Result<QList<PipelineStage>> stages(const QString& pipelineId);
    Result<std::optional<Deal>> find(const QString& id);

    // One page of a board column: the deals of `stageId` after local row id `afterRid`, in creation order.
    struct Card
    {
        qint64 rid = 0;
        Deal deal;
    };
    Result<QList<Card>> dealsInStage(const QString& stageId, qint64 afterRid, int limit);

    // A board column's header: how many deals and their value per currency.
    struct Total
    {
        QString currency;
        qint64 amountMinor = 0;
    };
    struct StageTotals
    {
        qint64 count = 0;
        QList<Total> byCurrency; // ordered by currency code
    };
    Result<StageTotals> stageTotals(const QString& stageId);

    // The deal list: filtered, sorted, paged.
    enum class SortKey { Title, Stage, Amount, CloseDate, Owner, Updated };
    struct ListQuery
    {
        QString pipelineId;  // empty: every pipeline
        QString text;        // title contains (case-insensitive for ASCII)
        enum class Status { Any, Open, Won, Lost } status = Status::Any;
        SortKey sort = SortKey::Updated;
        bool descending = true;
    };
    struct ListRow
    {
        Deal deal;
        QString stageName;
        int probability = 0;
        PipelineStage::Kind kind = PipelineStage::Kind::Open;
    };
    Result<QList<ListRow>> listDeals(const ListQuery& query, int offset, int limit);
    Result<qint64> countDeals(const ListQuery& query);

    // Weighted forecast: open deals by month of their expected close date (in `zone`), per currency.
    // weighted = sum(amount × probability) / 100, rounded half up once per row (not per deal).
    struct ForecastRow
    {
        QDate month;          // first day of the month; invalid for deals without a close date
        QString currency;
        qint64 deals = 0;
        qint64 amountMinor = 0;
        qint64 weightedMinor = 0;
    };
    Result<QList<ForecastRow>> forecast(const QString& pipelineId, const QTimeZone& zone);

    // A deal's stage history, newest first (a timeline source: "moved from Proposal to Won").
    struct StageChangeRow
    {
        DealStageChange change;
        QString fromStageName; // empty when the deal was created
        QString toStageName;
    };
    Result<QList<StageChangeRow>> stageHistory(const QString& dealId, int limit = 200);

private:
    Database& m_db;
};

} // namespace outpost
