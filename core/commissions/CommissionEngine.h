#pragma once

#include "commissions/CommissionPlan.h"
#include "commissions/PeriodInput.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

#include <set>
#include <span>
#include <vector>

namespace outpost::commissions {

// The commission engine: a pure function from (plan, period input) to a period result. No database, no
// clock, no randomness: the same inputs give the same result, bit for bit (PeriodResult::digest()).
//
// What it computes, in order:
//  1. PV per distributor: the PV of its orders (own and attributed retail) minus returned PV, not below 0.
//  2. GV (sponsor tree): own PV plus the PV of the whole sponsor downline. Leg volume: the GV of each
//     first-level sponsor child.
//  3. Paid-as rank, bottom-up in the sponsor tree: the highest rank whose requirements hold — status active,
//     PV ≥ minPv, qualifying GV ≥ minGv where qualifying GV = own PV + Σ over legs of min(leg volume,
//     minGv × maxLegShareBp / 10000, legVolumeCap), and at least legsRequired legs whose subtree holds a
//     distributor paid as legRank or higher. Terminated and inactive distributors have no paid-as rank.
//  4. Compression: a distributor is *qualified* (can be paid, counts as a level and as a generation boundary)
//     unless terminated, inactive (when compression.skipInactive) or below compression.minPv.
//  5. Unilevel (plan.unilevelTree): for each order, walk up from the buyer; compressed level k is the k-th
//     qualified strict ancestor (unqualified ones are skipped and their level passes up). The earner at level
//     k gets plan.unilevelPercent(k, its paid-as rank) of the order's CV; a qualified upline whose rank does
//     not unlock level k still uses up level k (no further pass-up). The buyer never earns on their own order.
//  6. Fast start: plan.fastStartBp of the CV of orders dated in [joinDate, joinDate + days) of the buyer,
//     to the buyer's enroller (sponsor); an unqualified enroller is skipped like in compression, and the
//     bonus passes to the next qualified sponsor upline.
//  7. Generation matching (sponsor tree). A *generation boundary* is a qualified distributor paid as
//     plan.generationRank or higher. For an earner E and a distributor D in E's sponsor downline,
//         generation(E, D) = 1 + the number of boundaries strictly between E and D on the sponsor path,
//     so E's first generation runs down each path up to and including the first boundary, the second up to
//     and including the next one, and so on; unqualified distributors never end a generation. E, if
//     qualified, earns plan.matchingPercent(g, E's rank) of every unilevel line D earns, for D in E's
//     generation g ≤ plan.generationCount(). Only boundaries can earn a match (the plan enforces it), so the
//     matchers of D are exactly the first generationCount() boundaries above D, one per generation.
//     Matching is on unilevel commissions only (not on fast start, matching or clawbacks).
//  8. Clawbacks: for each return, for each line paid on the original order, a negative line of
//     floor(paid × (previouslyReturned + returned) / orderCv) − floor(paid × previouslyReturned / orderCv),
//     charged to the original earner whatever their status now; a full return cancels the lines exactly.
//
// Rounding: see CommissionPlan.h (floor per order line; the remainder is not paid).
//
// Periods (storage, not built here). A period moves open → calculated → locked → committed:
//  - open: orders, returns and moves still arrive. "Calculate" loads a PeriodInput from the store (dense
//    indexes assigned in rid order, paid lines of returned orders read from the committed ledger), runs the
//    engine off the UI thread, and writes the result into the period's draft ledger (replacing the previous
//    draft): distributor results and LineDetail::Summary lines. The preview compares two drafts per
//    distributor (totals) and by digest (unchanged inputs ⇒ identical digest).
//  - calculated: can be re-run any number of times (what-if with another plan); every run is a new draft.
//  - locked: no new orders, returns or moves dated in the period; the last draft is final. Its digest, the
//    plan JSON and an input digest are stored with it.
//  - committed: the draft becomes the ledger, paid-as ranks and rankAchieved are written back to the
//    distributors, and the period is immutable. Per-order lines of a committed period (for a statement or
//    for a later return) are reproduced exactly by re-running it with LineDetail::PerOrder — its inputs
//    can no longer change — or, where volume allows, stored as they are.
//  Returns of committed orders become ReturnInputs of the next open period (negative clawback lines there).

enum class LineDetail : quint8 {
    PerOrder, // one line per order per earner (and per matched line): statements, fixtures, returns
    Summary,  // lines folded per (earner, rule, source distributor, level): the ledger of a full run
};

struct RunOptions
{
    LineDetail detail = LineDetail::PerOrder;
    // PerOrder only: the lines of these orders alone (volumes, ranks and compression still come from every
    // order). A clawback reproduces what a large committed period paid on a few orders without holding the
    // lines of all of them. The totals and digest then cover those lines only.
    const std::set<qint64>* onlyOrders = nullptr;
};

// Per distributor: volumes, rank, qualification summary and totals.
struct DistributorResult
{
    Volume pv = 0;
    Volume gv = 0;
    Volume qualifyingGv = 0;  // capped GV counted toward the paid-as rank (toward the first rank when none)
    Volume largestLeg = 0;    // the largest first-level sponsor leg volume (uncapped)
    Volume nextPvShort = 0;   // what is missing for the next rank (0 when met or no next rank)
    Volume nextGvShort = 0;
    Money total = 0;          // Σ of this distributor's lines
    Money byRule[kPayoutRuleCount] = {};
    RankIndex paidAsRank = kNoRank;
    RankIndex rankAchieved = kNoRank; // max(input rankAchieved, paidAsRank)
    RankIndex subtreeMaxRank = kNoRank; // highest paid-as rank in this distributor's sponsor subtree (incl.)
    qint32 legCount = 0;      // first-level sponsor legs
    qint32 nextLegsShort = 0; // qualifying legs missing for the next rank
    bool qualified = false;   // can be paid (not compressed)
    bool hasNextRank = false;
};

struct PeriodResult
{
    Q_DECLARE_TR_FUNCTIONS(PeriodResult)
public:
    LineDetail detail = LineDetail::PerOrder;
    std::vector<DistributorResult> distributors;
    // Ordered by earner, then rule (unilevel, fast start, matching, clawback), then the engine's processing
    // order (buyer index, order date, order id, level; matching after; clawbacks in input order).
    std::vector<PayoutLine> lines;
    std::vector<qint64> lineOffsets; // lines of distributor i: [lineOffsets[i], lineOffsets[i + 1])
    Money totalPaid = 0;

    std::span<const PayoutLine> linesOf(qint32 distributor) const
    {
        return {lines.data() + lineOffsets[size_t(distributor)],
                size_t(lineOffsets[size_t(distributor) + 1] - lineOffsets[size_t(distributor)])};
    }
    // SHA-256 (hex) over every distributor result and every line: equal digests ⇔ identical results.
    QByteArray digest() const;
};

// Why a distributor is paid as the rank they are, and what is missing for the others.
struct QualificationTrace
{
    Q_DECLARE_TR_FUNCTIONS(QualificationTrace)
public:
    struct Leg
    {
        qint32 child = -1;             // first-level sponsor child heading the leg
        Volume volume = 0;             // the leg's GV
        RankIndex maxRank = kNoRank;   // highest paid-as rank in the leg
    };
    struct RankCheck
    {
        RankIndex rank = kNoRank;
        bool statusMet = false;
        Volume pv = 0, minPv = 0;
        Volume qualifyingGv = 0, minGv = 0;
        Volume legCapApplied = 0; // 0 = no cap
        qint32 legsWithRank = 0, legsRequired = 0;
        bool pvMet() const { return pv >= minPv; }
        bool gvMet() const { return qualifyingGv >= minGv; }
        bool legsMet() const { return legsWithRank >= legsRequired; }
        bool met() const { return statusMet && pvMet() && gvMet() && legsMet(); }
    };
    qint32 distributor = -1;
    DistributorStatus status = DistributorStatus::Active;
    Volume pv = 0;
    Volume gv = 0;
    RankIndex paidAsRank = kNoRank;
    std::vector<Leg> legs;        // by volume, largest first
    std::vector<RankCheck> ranks; // every rank of the ladder, lowest first

    // Readable lines for a statement: what counted, each requirement met or missing, what the next rank needs.
    QStringList describe(const CommissionPlan& plan) const;
};

class CommissionEngine
{
    Q_DECLARE_TR_FUNCTIONS(CommissionEngine)
public:
    // Validates the input (indexes, cycles, amounts) and computes the period. An error names what is wrong.
    static Result<PeriodResult> run(const CommissionPlan& plan, const PeriodInput& input, RunOptions options = {});

    // The full qualification trace of one distributor, from a result of run() on the same plan and input.
    static QualificationTrace qualificationTrace(const CommissionPlan& plan, const PeriodInput& input,
                                                 const PeriodResult& result, qint32 distributor);
};

} // namespace outpost::commissions
