#include "CommissionTestSupport.h"

#include <QDateTime>


namespace outpost::commissions::test {

QJsonObject examplePlanJson()
{
    const auto rank = [](const char* id, const char* name, int minPv, int minGv, int share) {
        QJsonObject r{{QStringLiteral("id"), QLatin1String(id)},
                      {QStringLiteral("name"), QLatin1String(name)},
                      {QStringLiteral("minPv"), minPv}};
        if (minGv > 0) {
            r[QStringLiteral("minGv")] = minGv;
            r[QStringLiteral("maxLegShareBp")] = share;
        }
        return r;
    };
    QJsonObject gold = rank("gold", "Gold", 100, 3000, 5000);
    gold[QStringLiteral("legs")] = QJsonObject{{QStringLiteral("count"), 2}, {QStringLiteral("rank"), QStringLiteral("silver")}};
    const QJsonArray ranks{rank("bronze", "Bronze", 100, 0, 0), rank("silver", "Silver", 100, 1000, 6000), gold};
    const QJsonArray levels{
        QJsonObject{{QStringLiteral("percentBp"), 500}},
        QJsonObject{{QStringLiteral("percentBp"), 400}, {QStringLiteral("minRank"), QStringLiteral("bronze")}},
        QJsonObject{{QStringLiteral("percentBp"), 300},
                    {QStringLiteral("minRank"), QStringLiteral("silver")},
                    {QStringLiteral("byRank"), QJsonObject{{QStringLiteral("gold"), 500}}}}};
    const QJsonArray generations{
        QJsonObject{{QStringLiteral("percentBp"), 1000}, {QStringLiteral("minRank"), QStringLiteral("silver")}},
        QJsonObject{{QStringLiteral("percentBp"), 500}, {QStringLiteral("minRank"), QStringLiteral("gold")}}};
    return QJsonObject{
        {QStringLiteral("currency"), QStringLiteral("EUR")},
        {QStringLiteral("maxPayoutBp"), 3000},
        {QStringLiteral("ranks"), ranks},
        {QStringLiteral("compression"), QJsonObject{{QStringLiteral("skipInactive"), true}, {QStringLiteral("minPv"), 50}}},
        {QStringLiteral("unilevel"), QJsonObject{{QStringLiteral("tree"), QStringLiteral("placement")}, {QStringLiteral("levels"), levels}}},
        {QStringLiteral("fastStart"), QJsonObject{{QStringLiteral("percentBp"), 1000}, {QStringLiteral("days"), 30}}},
        {QStringLiteral("matching"),
         QJsonObject{{QStringLiteral("generationRank"), QStringLiteral("silver")}, {QStringLiteral("generations"), generations}}},
    };
}

CommissionPlan examplePlan()
{
    auto plan = CommissionPlan::fromJson(examplePlanJson());
    Q_ASSERT(plan.ok());
    return plan.value();
}

qint64 utcNoon(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
}

qint32 InputBuilder::distributor(qint32 sponsor, qint32 placement, DistributorStatus status, qint64 joinDate)
{
    DistributorInput d;
    d.rid = qint64(input.distributors.size()) + 1;
    d.sponsor = sponsor;
    d.placement = placement;
    d.status = status;
    d.joinDate = joinDate;
    input.distributors.push_back(d);
    return qint32(input.distributors.size()) - 1;
}

void InputBuilder::order(qint64 id, qint32 distributor, qint64 date, Volume pv, Money cv)
{
    order(id, distributor, date, {{pv, cv}});
}

void InputBuilder::order(qint64 id, qint32 distributor, qint64 date,
                         std::initializer_list<std::pair<Volume, Money>> lines)
{
    OrderInput o;
    o.id = id;
    o.distributor = distributor;
    o.date = date;
    for (const auto& [pv, cv] : lines) {
        o.pv += qint32(pv);
        o.cv += cv;
    }
    input.orders.push_back(o);
}

void InputBuilder::returnOf(qint64 returnId, qint64 orderId, qint32 distributor, qint64 date, Volume pv,
                            Money orderCv, Money returnedCv, Money previouslyReturnedCv, const PeriodResult& original)
{
    ReturnInput r;
    r.id = returnId;
    r.orderId = orderId;
    r.distributor = distributor;
    r.date = date;
    r.pv = pv;
    r.orderCv = orderCv;
    r.returnedCv = returnedCv;
    r.previouslyReturnedCv = previouslyReturnedCv;
    r.firstPaidLine = qint32(input.paidLines.size());
    for (const PayoutLine& l : original.lines)
        if (l.sourceOrderId == orderId && l.rule != PayoutRule::Clawback)
            input.paidLines.push_back(l);
    r.paidLineCount = qint32(input.paidLines.size()) - r.firstPaidLine;
    input.returns.push_back(r);
}

Money sumLines(const PeriodResult& r, const std::function<bool(const PayoutLine&)>& pred)
{
    Money sum = 0;
    for (const PayoutLine& l : r.lines)
        if (pred(l))
            sum += l.amount;
    return sum;
}

} // namespace outpost::commissions::test
