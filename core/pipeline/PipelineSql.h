#pragma once

#include "pipeline/Pipeline.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace outpost::pipelinesql {

// Row reads shared by the mutators, the repository and the sync codecs' tests.
Result<std::optional<Pipeline>> loadPipeline(QSqlDatabase& db, const QString& id);
Result<std::optional<PipelineStage>> loadStage(QSqlDatabase& db, const QString& id);
Result<QList<PipelineStage>> stagesOf(QSqlDatabase& db, const QString& pipelineId); // in board order
Result<std::optional<Deal>> loadDeal(QSqlDatabase& db, const QString& id);
Result<qint64> dealCountInStage(QSqlDatabase& db, const QString& stageId);

// Every column of a deal, in the order readDeal() expects (for SELECT lists).
QString dealColumns(const QString& prefix = {}); // prefix: a table alias with its dot ("d.")
Deal readDeal(const class QSqlQuery& q, int first = 0);

class Messages
{
    Q_DECLARE_TR_FUNCTIONS(outpost::PipelineMessages)
public:
    static Error database(const QSqlQuery& q);
};

} // namespace outpost::pipelinesql
