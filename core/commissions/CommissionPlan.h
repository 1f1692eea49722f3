#pragma once

#include "genealogy/Distributor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace outpost::commissions {

// Money is integer minor units of the plan's currency; volume (PV, GV) is integer volume points; percentages
// are basis points (1 bp = 0.01 %, 10000 bp = 100 %).
using Money = qint64;
using Volume = qint64;
using BasisPoints = qint32;
constexpr BasisPoints kFullBp = 10000;

// A percentage of an amount, floored (the rounding of every payout line): base ≥ 0 and ≤ 10^14, so exact.
inline Money percentOf(Money base, BasisPoints bp)
{
    return base * bp / kFullBp;
}

// A rank index into CommissionPlan::ranks; kNoRank means "below the first rank of the ladder".
using RankIndex = qint32;
constexpr RankIndex kNoRank = -1;

// One rung of the rank ladder. A distributor is paid as the highest rank whose requirements all hold in the
// period (evaluated from the top of the ladder down; a rung does not require the rungs below it).
struct RankDefinition
{
    QString id;   // stable key used in the plan and on statements, e.g. "silver"
    QString name; // display name
    Volume minPv = 0;
    Volume minGv = 0; // qualifying GV: own PV + each sponsor leg's volume, capped (see maxLegShareBp)
    // At most this share of minGv may come from one leg: each leg counts min(leg volume, minGv × share / 10000)
    // (and never more than the plan's legVolumeCap). 10000 = no limit.
    BasisPoints maxLegShareBp = kFullBp;
    qint32 legsRequired = 0;      // number of first-level sponsor legs that must contain ...
    RankIndex legRank = kNoRank;  // ... a distributor paid as this rank or higher (anywhere in that leg)
};

// The commission plan, as data. Parsed from JSON by fromJson(), which validates everything and names the
// path of the first bad field; a plan that parses is safe to run. The JSON format:
//
// {
//   "currency": "EUR",                      // ISO 4217, three capital letters
//   "maxPayoutBp": 4000,                     // the plan never pays more than this share of an order's CV
//   "qualification": { "legVolumeCap": 0 },  // volume one sponsor leg may add to qualifying GV; 0 = no cap
//   "ranks": [                               // ordered, lowest first
//     { "id": "bronze", "name": "Bronze", "minPv": 100 },
//     { "id": "silver", "name": "Silver", "minPv": 100, "minGv": 1000, "maxLegShareBp": 6000 },
//     { "id": "gold",   "name": "Gold",   "minPv": 100, "minGv": 3000, "maxLegShareBp": 5000,
//       "legs": { "count": 2, "rank": "silver" } }
//   ],
//   "compression": { "skipInactive": true, "minPv": 50 },  // who is skipped (terminated always is)
//   "unilevel": {
//     "tree": "placement",                    // or "sponsor"
//     "levels": [                             // level 1 = first qualified upline (after compression)
//       { "percentBp": 500 },                 // every rank, and distributors without a rank
//       { "percentBp": 300, "minRank": "bronze" },
//       { "percentBp": 200, "minRank": "silver", "byRank": { "gold": 300 } }  // gold and above get 300
//     ]
//   },
//   "fastStart": { "percentBp": 1000, "days": 30 },          // optional
//   "matching": {                                           // optional
//     "generationRank": "silver",
//     "generations": [ { "percentBp": 1000, "minRank": "silver" }, { "percentBp": 500, "minRank": "gold" } ]
//   }
// }
//
// Percentages by rank ("percentBp", "minRank", "byRank"): below minRank the percentage is 0; from minRank
// up it is percentBp, except that a byRank entry sets the percentage for that rank and every higher rank up
// to the next byRank entry. Internally every level is expanded to one percentage per rank (plus "no rank").
//
// Rounding: every payout line is floor(base × bp / 10000) in minor units, computed per order (unilevel, fast
// start) or per matched unilevel line (matching); the remainder is not paid. Bases are never negative, so
// floor is truncation toward zero. Clawbacks are floor(paid × returned / total) computed on the cumulative
// returned share (see PeriodInput::ReturnInput), so a fully returned order claws back exactly what was paid.
//
// The maximum payout is guaranteed by validation, not by capping: per order of CV c, unilevel pays at most
// c × U / 10000 (U = the sum over levels of the highest percentage any rank gets), fast start c × F / 10000,
// and matching at most (unilevel paid on the order) × M / 10000 (M = the sum over generations of the highest
// percentage), because every matcher is a generation boundary and so each unilevel line is matched at most
// once per generation. fromJson() rejects a plan with 10000 × (U + F) + U × M > 10000 × maxPayoutBp, so
// with floor rounding the sum of lines of any order never exceeds floor(c × maxPayoutBp / 10000).
struct CommissionPlan
{
    Q_DECLARE_TR_FUNCTIONS(CommissionPlan)
public:
    QString currency;
    BasisPoints maxPayoutBp = 0;
    Volume legVolumeCap = 0; // 0 = no cap
    std::vector<RankDefinition> ranks;

    bool compressInactive = true; // skip status inactive (terminated is always skipped)
    Volume compressionMinPv = 0;  // skip distributors with period PV below this; 0 = no PV rule

    GenealogyTree unilevelTree = GenealogyTree::Placement;
    // unilevelBp[level][rank + 1]: level 0 is compressed level 1; column 0 is "no rank".
    std::vector<std::vector<BasisPoints>> unilevelBp;

    BasisPoints fastStartBp = 0; // 0 = no fast-start bonus
    qint32 fastStartDays = 0;

    RankIndex generationRank = kNoRank; // kNoRank with no generations = no matching bonus
    // matchingBp[generation][rank + 1]: generation 0 is generation 1.
    std::vector<std::vector<BasisPoints>> matchingBp;

    int levelCount() const { return int(unilevelBp.size()); }
    int generationCount() const { return int(matchingBp.size()); }
    int rankCount() const { return int(ranks.size()); }
    BasisPoints unilevelPercent(int level, RankIndex rank) const { return unilevelBp[size_t(level)][size_t(rank + 1)]; }
    BasisPoints matchingPercent(int generation, RankIndex rank) const
    {
        return matchingBp[size_t(generation)][size_t(rank + 1)];
    }
    RankIndex rankIndex(const QString& id) const; // kNoRank when unknown
    QString rankName(RankIndex rank) const;       // "no rank" (translated) for kNoRank

    // The most a single order can cost, in bp of its CV, scaled by 10000 (see the rounding note above):
    // 10000 × (U + F) + U × M.
    qint64 worstCasePayoutBpScaled() const;

    static Result<CommissionPlan> fromJson(const QJsonObject& json);
    static Result<CommissionPlan> fromJson(const QByteArray& json);
};

} // namespace outpost::commissions
