#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace outpost {

// A sales pipeline: ordered stages a deal moves through.
struct Pipeline
{
    QString id;
    QString name;
    int position = 0;
};

struct PipelineStage
{
    enum class Kind { Open, Won, Lost };

    QString id;
    QString pipelineId;
    QString name;
    int position = 0;
    int probability = 0; // percent, 0–100
    Kind kind = Kind::Open;

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
};

// A deal: a sales opportunity with a value, in one stage of one pipeline.
struct Deal
{
    QString id;
    QString title;
    QString pipelineId;
    QString stageId;
    qint64 amountMinor = 0; // integer minor units of `currency`
    QString currency;       // ISO 4217
    std::optional<qint64> expectedCloseAt; // UTC ms
    QString ownerId;
    QString contactId;
    QString companyId;
    QString closeReason;
    std::optional<qint64> closedAt;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;

    // The fields deal.update may set, with their JSON names.
    static const QStringList& editableFields();
    QJsonObject toJson() const; // every field except the bookkeeping ones (for audit and tests)
};

// One move of a deal between stages (from is empty when the deal was created there).
struct DealStageChange
{
    QString id;
    QString dealId;
    QString fromStageId;
    QString toStageId;
    qint64 at = 0;
    QString byUser;
};

// The ids of the default pipeline every profile and team database starts with (migration 12).
namespace defaultpipeline {
inline const QString kPipelineId = QStringLiteral("00000000-0000-7000-8000-000000000100");
inline const QString kQualification = QStringLiteral("00000000-0000-7000-8000-000000000101");
inline const QString kNeedsAnalysis = QStringLiteral("00000000-0000-7000-8000-000000000102");
inline const QString kProposal = QStringLiteral("00000000-0000-7000-8000-000000000103");
inline const QString kNegotiation = QStringLiteral("00000000-0000-7000-8000-000000000104");
inline const QString kWon = QStringLiteral("00000000-0000-7000-8000-000000000105");
inline const QString kLost = QStringLiteral("00000000-0000-7000-8000-000000000106");
} // namespace defaultpipeline

} // namespace outpost
