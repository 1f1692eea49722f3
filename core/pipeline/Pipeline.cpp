#include "pipeline/Pipeline.h"

#include <QStringList>

namespace outpost {

QString PipelineStage::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Open:
        return QStringLiteral("open");
    case Kind::Won:
        return QStringLiteral("won");
    case Kind::Lost:
        return QStringLiteral("lost");
    }
    return {};
}

std::optional<PipelineStage::Kind> PipelineStage::kindFromName(const QString& name)
{
    if (name == QLatin1String("open"))
        return Kind::Open;
    if (name == QLatin1String("won"))
        return Kind::Won;
    if (name == QLatin1String("lost"))
        return Kind::Lost;
    return std::nullopt;
}

const QStringList& Deal::editableFields()
{
    static const QStringList fields = {QStringLiteral("title"),   QStringLiteral("amountMinor"),
                                       QStringLiteral("currency"), QStringLiteral("expectedCloseAt"),
                                       QStringLiteral("ownerId"),  QStringLiteral("contactId"),
                                       QStringLiteral("companyId")};
    return fields;
}

QJsonObject Deal::toJson() const
{
    auto optionalTime = [](const std::optional<qint64>& t) { return t ? QJsonValue(double(*t)) : QJsonValue(); };
    return {{QStringLiteral("title"), title},
            {QStringLiteral("pipelineId"), pipelineId},
            {QStringLiteral("stageId"), stageId},
            {QStringLiteral("amountMinor"), double(amountMinor)},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("expectedCloseAt"), optionalTime(expectedCloseAt)},
            {QStringLiteral("ownerId"), ownerId},
            {QStringLiteral("contactId"), contactId},
            {QStringLiteral("companyId"), companyId},
            {QStringLiteral("closeReason"), closeReason},
            {QStringLiteral("closedAt"), optionalTime(closedAt)}};
}

} // namespace outpost
