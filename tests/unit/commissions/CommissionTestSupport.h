#pragma once

#include "commissions/CommissionEngine.h"
#include "commissions/CommissionPlan.h"
#include "commissions/PeriodInput.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>
#include <initializer_list>

namespace outpost::commissions::test {

// The plan of CommissionPlan.h's example, used by the fixture and the properties:
//   ranks      bronze PV ≥ 100; silver PV ≥ 100, GV ≥ 1000, ≤ 60 % per leg (a leg counts ≤ 600);
//              gold PV ≥ 100, GV ≥ 3000, ≤ 50 % per leg (≤ 1500), 2 legs with a silver
//   compress   inactive, terminated, and PV < 50
//   unilevel   placement tree; L1 5 % all; L2 4 % bronze+; L3 3 % silver, 5 % gold
//   fast start 10 % of CV to the enroller, first 30 days
//   matching   generations end at silver; gen 1 10 % (silver+), gen 2 5 % (gold)
//   maximum    30 % of CV (worst case 26.1 %)
QJsonObject examplePlanJson();
CommissionPlan examplePlan();

// UTC ms of a day at noon.
qint64 utcNoon(int year, int month, int day);

// Builds a PeriodInput by name-free indexes.
class InputBuilder
{
public:
    PeriodInput input;

    qint32 distributor(qint32 sponsor, qint32 placement, DistributorStatus status, qint64 joinDate);
    // One order of one line.
    void order(qint64 id, qint32 distributor, qint64 date, Volume pv, Money cv);
    // An order of several (pv, cv) lines.
    void order(qint64 id, qint32 distributor, qint64 date, std::initializer_list<std::pair<Volume, Money>> lines);
    // A return of `returnedCv` of an order paid in `original` (its per-order lines are copied in).
    void returnOf(qint64 returnId, qint64 orderId, qint32 distributor, qint64 date, Volume pv, Money orderCv,
                  Money returnedCv, Money previouslyReturnedCv, const PeriodResult& original);
};

// Sum of the amounts of the lines matching `pred`.
Money sumLines(const PeriodResult& r, const std::function<bool(const PayoutLine&)>& pred);

} // namespace outpost::commissions::test
