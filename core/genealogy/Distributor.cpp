#include "genealogy/Distributor.h"

#include "util/JsonNumber.h"
#include "util/TextFold.h"

#include <QJsonValue>

namespace outpost {

QString genealogyTreeName(GenealogyTree tree)
{
    return tree == GenealogyTree::Sponsor ? QStringLiteral("sponsor") : QStringLiteral("placement");
}

std::optional<GenealogyTree> genealogyTreeFromName(const QString& name)
{
    if (name == QLatin1String("sponsor"))
        return GenealogyTree::Sponsor;
    if (name == QLatin1String("placement"))
        return GenealogyTree::Placement;
    return std::nullopt;
}

const QStringList& Distributor::fieldNames()
{
    static const QStringList names = {QStringLiteral("contactId"),    QStringLiteral("displayName"),
                                      QStringLiteral("status"),       QStringLiteral("joinDate"),
                                      QStringLiteral("rankAchieved"), QStringLiteral("paidAsRank"),
                                      QStringLiteral("kycStatus")};
    return names;
}

const QStringList& Distributor::statuses()
{
    static const QStringList s = {QStringLiteral("active"), QStringLiteral("inactive"), QStringLiteral("terminated")};
    return s;
}

const QStringList& Distributor::kycStatuses()
{
    static const QStringList s = {QStringLiteral("not_started"), QStringLiteral("pending"), QStringLiteral("approved"),
                                  QStringLiteral("rejected"), QStringLiteral("expired")};
    return s;
}

QString Distributor::sortKeyFor(const QString& displayName)
{
    return foldText(displayName.trimmed());
}

QJsonValue Distributor::field(const QString& name) const
{
    if (name == QLatin1String("contactId"))
        return contactId;
    if (name == QLatin1String("displayName"))
        return displayName;
    if (name == QLatin1String("status"))
        return status;
    if (name == QLatin1String("joinDate"))
        return double(joinDate);
    if (name == QLatin1String("rankAchieved"))
        return rankAchieved;
    if (name == QLatin1String("paidAsRank"))
        return paidAsRank;
    if (name == QLatin1String("kycStatus"))
        return kycStatus;
    return {};
}

bool Distributor::setField(const QString& name, const QJsonValue& value)
{
    if (name == QLatin1String("joinDate")) {
        const std::optional<qint64> date = jsonWholeNumber(value);
        if (!date)
            return false;
        joinDate = *date;
        return true;
    }
    if (!value.isString())
        return false;
    const QString v = value.toString();
    if (name == QLatin1String("contactId"))
        contactId = v;
    else if (name == QLatin1String("displayName"))
        displayName = v;
    else if (name == QLatin1String("status"))
        status = v;
    else if (name == QLatin1String("rankAchieved"))
        rankAchieved = v;
    else if (name == QLatin1String("paidAsRank"))
        paidAsRank = v;
    else if (name == QLatin1String("kycStatus"))
        kycStatus = v;
    else
        return false;
    return true;
}

QJsonObject Distributor::fieldsToJson() const
{
    QJsonObject o;
    for (const QString& f : fieldNames())
        o.insert(f, field(f));
    return o;
}

} // namespace outpost
