#include "pipeline/DefaultPipeline.h"

#include "pipeline/Pipeline.h"
#include "pipeline/PipelineSql.h"
#include "storage/SqlExec.h"

#include <QSqlQuery>

namespace outpost {

Status insertDefaultPipeline(QSqlDatabase& db)
{
    namespace dp = defaultpipeline;
    const QString system = QStringLiteral("system");
    QSqlQuery q(db);
    if (!execBound(q,
                   QStringLiteral("INSERT INTO pipelines(id, name, position, created_at, updated_at, updated_by) "
                                  "VALUES(?, 'Sales', 0, 0, 0, ?)"),
                   {dp::kPipelineId, system}))
        return pipelinesql::Messages::database(q);
    const struct
    {
        const QString& id;
        const char* name;
        int probability;
        const char* kind;
    } stages[] = {
        {dp::kQualification, "Qualification", 10, "open"}, {dp::kNeedsAnalysis, "Needs analysis", 25, "open"},
        {dp::kProposal, "Proposal", 50, "open"},           {dp::kNegotiation, "Negotiation", 75, "open"},
        {dp::kWon, "Won", 100, "won"},                      {dp::kLost, "Lost", 0, "lost"},
    };
    int position = 0;
    for (const auto& s : stages) {
        if (!execBound(q,
                       QStringLiteral("INSERT INTO pipeline_stages(id, pipeline_id, name, position, probability, kind, "
                                      "created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,0,0,?)"),
                       {s.id, dp::kPipelineId, QString::fromLatin1(s.name), position++, s.probability,
                        QString::fromLatin1(s.kind), system}))
            return pipelinesql::Messages::database(q);
    }
    return {};
}

} // namespace outpost
