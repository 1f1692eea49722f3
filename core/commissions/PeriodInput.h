#pragma once

#include "commissions/CommissionPlan.h"

#include <QtGlobal>

#include <vector>

namespace outpost::commissions {

enum class DistributorStatus : quint8 { Active, Inactive, Terminated };

// Why a payout line exists.
enum class PayoutRule : quint8 {
    Unilevel,  // percentage of an order's CV to a compressed upline level
    FastStart, // percentage of an order's CV to the enroller, in the buyer's first days
    Matching,  // percentage of a downline distributor's unilevel commission, by generation
    Clawback,  // negative: a share of a line paid on an order that has since been returned
};
constexpr int kPayoutRuleCount = 4;

// One payout line. Lines are produced by CommissionEngine::run and, for returns, passed back in as the
// original order's paid lines (PeriodInput::paidLines), so a clawback reverses exactly what was paid.
struct PayoutLine
{
    Money amount = 0;         // what this line pays (negative for a clawback)
    Money base = 0;           // what the percentage was applied to (CV, a matched commission, a paid line)
    qint64 sourceOrderId = 0; // the order that produced it (for a clawback: the returned order); 0 in summaries
    qint32 earner = -1;       // dense distributor index of who is paid
    qint32 sourceDistributor = -1; // buyer of the order (unilevel, fast start), matched distributor (matching)
    qint32 levelRaw = 0;      // distance in the tree from earner to source, counting skipped distributors
    qint32 orderCount = 1;    // orders folded into this line (1 per order; more in LineDetail::Summary)
    BasisPoints bp = 0;       // the percentage applied
    qint16 levelCompressed = 0; // unilevel level after compression; matching generation; 1 for fast start
    PayoutRule rule = PayoutRule::Unilevel;
    PayoutRule clawedRule = PayoutRule::Unilevel; // for a clawback: the rule of the line it reverses
};

struct DistributorInput
{
    qint64 rid = 0;         // storage row id, carried through for the caller; not used by the computation
    qint64 joinDate = 0;    // UTC ms
    qint32 sponsor = -1;    // dense index of the sponsor (enroller); -1 = root of the sponsor tree
    qint32 placement = -1;  // dense index of the placement parent; -1 = root of the placement tree
    RankIndex rankAchieved = kNoRank; // highest rank ever reached, before this period
    DistributorStatus status = DistributorStatus::Active;
};

// An order as the engine needs it: its PV and CV summed over its lines (net of returns of the order dated
// before the period's end). Commissions are floored per order, so per-line detail would change nothing;
// not holding it keeps a 10,000,000-line period's input to one record per order (see CommissionStore).
struct OrderInput
{
    qint64 id = 0;           // the order's id (storage row id); unique in the period
    qint64 date = 0;         // UTC ms
    Money cv = 0;            // Σ of its lines' commissionable value, minor units
    qint32 pv = 0;           // Σ of its lines' PV (at most kMaxOrderPv)
    qint32 distributor = -1; // buyer, or the distributor a retail customer's order is attributed to
};
// What the engine accepts: CV × 10,000 bp stays inside int64, and so does the PV of 2^31 orders.
constexpr Money kMaxMoney = 100'000'000'000'000LL; // 10^14 minor units
constexpr qint32 kMaxOrderPv = 1'000'000'000;

// A return in this period of an order from an earlier (usually committed) period. Returns of an order of
// the period being calculated are not returns here: that order's lines are simply the net lines.
struct ReturnInput
{
    qint64 id = 0;              // the return's id
    qint64 orderId = 0;         // the original order
    qint64 date = 0;            // UTC ms
    qint32 distributor = -1;    // whose PV the returned volume is taken from in this period
    Volume pv = 0;              // returned PV, deducted from the distributor's PV this period (not below 0)
    Money orderCv = 0;          // the original order's total CV
    Money returnedCv = 0;       // CV returned by this return (0 < returnedCv)
    Money previouslyReturnedCv = 0; // CV of the same order returned by earlier returns (returned + this ≤ total)
    qint32 firstPaidLine = 0;   // the lines paid on the original order: PeriodInput::paidLines[first, first+count)
    qint32 paidLineCount = 0;
};

// Everything one period's run needs, by dense distributor index (0 … n-1). Built by the storage layer
// (or a test) from the database; the engine never touches storage.
struct PeriodInput
{
    qint64 periodStart = 0; // UTC ms, inclusive; with periodEnd, orders must be dated inside the period
    qint64 periodEnd = 0;   // UTC ms, exclusive; 0 = do not check order dates
    std::vector<DistributorInput> distributors;
    std::vector<OrderInput> orders;
    std::vector<ReturnInput> returns;
    std::vector<PayoutLine> paidLines; // original lines of returned orders, as paid (earner indexes are dense)
};

} // namespace outpost::commissions
