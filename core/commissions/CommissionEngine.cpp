#include "commissions/CommissionEngine.h"

#include <QtEndian>

#include <openssl/evp.h>

#include <algorithm>
#include <limits>

namespace outpost::commissions {

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;
constexpr Volume kNoCap = std::numeric_limits<Volume>::max();

// floor(a × b / c) for a, b ≥ 0, c > 0, exact whenever the result fits: with the compiler's 128-bit integers
// where it has them (GCC, Clang), otherwise (MSVC) with the 128-bit product formed from 32-bit halves and
// divided by shift-and-subtract.
Money mulDivFloor(Money a, Money b, Money c)
{
#if defined(__SIZEOF_INT128__)
    __extension__ using Int128 = __int128;
    return Money(Int128(a) * Int128(b) / Int128(c));
#else
    const quint64 ua = quint64(a), ub = quint64(b), uc = quint64(c);
    const quint64 aLo = ua & 0xffffffffu, aHi = ua >> 32, bLo = ub & 0xffffffffu, bHi = ub >> 32;
    const quint64 ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
    const quint64 mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
    const quint64 lo = (mid << 32) | (ll & 0xffffffffu);
    const quint64 hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    quint64 quotient = 0, remainder = 0;
    for (int bit = 127; bit >= 0; --bit) {
        const quint64 next = bit >= 64 ? (hi >> (bit - 64)) & 1u : (lo >> bit) & 1u;
        remainder = (remainder << 1) | next; // remainder < c < 2^63: the shift cannot overflow
        quotient <<= 1;
        if (remainder >= uc) {
            remainder -= uc;
            quotient |= 1u;
        }
    }
    return Money(quotient);
#endif
}

// Parent links of one tree as children lists (CSR), a parents-first order and depths.
struct Tree
{
    std::vector<qint32> childOffset; // n + 1
    std::vector<qint32> children;
    std::vector<qint32> topo;        // every parent before its children
    std::vector<qint32> depth;       // roots: 0
};

template <typename ParentOf>
bool buildTree(qint32 n, ParentOf parentOf, Tree& t)
{
    t.childOffset.assign(size_t(n) + 1, 0);
    for (qint32 x = 0; x < n; ++x)
        if (const qint32 p = parentOf(x); p >= 0)
            ++t.childOffset[size_t(p) + 1];
    for (qint32 i = 0; i < n; ++i)
        t.childOffset[size_t(i) + 1] += t.childOffset[size_t(i)];
    t.children.resize(size_t(t.childOffset[size_t(n)]));
    {
        std::vector<qint32> fill(t.childOffset.begin(), t.childOffset.end() - 1);
        for (qint32 x = 0; x < n; ++x)
            if (const qint32 p = parentOf(x); p >= 0)
                t.children[size_t(fill[size_t(p)]++)] = x;
    }
    t.topo.clear();
    t.topo.reserve(size_t(n));
    t.depth.assign(size_t(n), 0);
    for (qint32 x = 0; x < n; ++x)
        if (parentOf(x) < 0)
            t.topo.push_back(x);
    for (size_t head = 0; head < t.topo.size(); ++head) {
        const qint32 x = t.topo[head];
        for (qint32 i = t.childOffset[size_t(x)]; i < t.childOffset[size_t(x) + 1]; ++i) {
            const qint32 c = t.children[size_t(i)];
            t.depth[size_t(c)] = t.depth[size_t(x)] + 1;
            t.topo.push_back(c);
        }
    }
    return qint32(t.topo.size()) == n; // otherwise some nodes sit on a cycle
}

// Requirement check of one rank for one distributor; forEachLeg(f) calls f(legVolume, legMaxRank).
struct RankEval
{
    bool statusMet = false;
    Volume qualifyingGv = 0;
    Volume cap = kNoCap;
    qint32 legsWithRank = 0;
};

Volume legCapFor(const CommissionPlan& plan, const RankDefinition& def)
{
    Volume cap = plan.legVolumeCap > 0 ? plan.legVolumeCap : kNoCap;
    if (def.maxLegShareBp < kFullBp)
        cap = std::min(cap, def.minGv * def.maxLegShareBp / kFullBp);
    return cap;
}

template <typename ForEachLeg>
RankEval evalRank(const CommissionPlan& plan, RankIndex k, DistributorStatus status, Volume pv,
                  ForEachLeg forEachLeg)
{
    const RankDefinition& def = plan.ranks[size_t(k)];
    RankEval e;
    e.statusMet = status == DistributorStatus::Active;
    e.cap = legCapFor(plan, def);
    e.qualifyingGv = pv;
    forEachLeg([&](Volume legVolume, RankIndex legMaxRank) {
        e.qualifyingGv += std::min(legVolume, e.cap);
        if (def.legsRequired > 0 && legMaxRank >= def.legRank)
            ++e.legsWithRank;
    });
    return e;
}

bool rankMet(const RankDefinition& def, const RankEval& e, Volume pv)
{
    return e.statusMet && pv >= def.minPv && e.qualifyingGv >= def.minGv && e.legsWithRank >= def.legsRequired;
}

// Appends values to a SHA-256 in little-endian, through a buffer. OpenSSL's SHA-256 (hardware-accelerated
// where the CPU has it) keeps the digest of a million-distributor result well under a second.
class DigestWriter
{
public:
    DigestWriter() : m_ctx(EVP_MD_CTX_new()) { EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr); }
    ~DigestWriter() { EVP_MD_CTX_free(m_ctx); }
    DigestWriter(const DigestWriter&) = delete;
    DigestWriter& operator=(const DigestWriter&) = delete;

    void add(qint64 v)
    {
        qToLittleEndian(v, m_buffer + m_used);
        m_used += 8;
        if (m_used == sizeof(m_buffer))
            flush();
    }
    QByteArray result()
    {
        flush();
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(m_ctx, md, &len);
        return QByteArray(reinterpret_cast<const char*>(md), int(len)).toHex();
    }

private:
    void flush()
    {
        EVP_DigestUpdate(m_ctx, m_buffer, m_used);
        m_used = 0;
    }
    EVP_MD_CTX* m_ctx;
    unsigned char m_buffer[1 << 16];
    size_t m_used = 0;
};

} // namespace

QByteArray PeriodResult::digest() const
{
    DigestWriter w;
    w.add(qint64(detail));
    w.add(qint64(distributors.size()));
    for (const DistributorResult& d : distributors) {
        w.add(d.pv);
        w.add(d.gv);
        w.add(d.qualifyingGv);
        w.add(d.largestLeg);
        w.add(d.nextPvShort);
        w.add(d.nextGvShort);
        w.add(d.total);
        for (Money m : d.byRule)
            w.add(m);
        w.add(d.paidAsRank);
        w.add(d.rankAchieved);
        w.add(d.subtreeMaxRank);
        w.add(d.legCount);
        w.add(d.nextLegsShort);
        w.add(qint64(d.qualified) | (qint64(d.hasNextRank) << 1));
    }
    w.add(qint64(lines.size()));
    for (const PayoutLine& l : lines) {
        w.add(l.amount);
        w.add(l.base);
        w.add(l.sourceOrderId);
        w.add(l.earner);
        w.add(l.sourceDistributor);
        w.add(l.levelRaw);
        w.add(l.orderCount);
        w.add(l.bp);
        w.add(l.levelCompressed);
        w.add(qint64(l.rule) | (qint64(l.clawedRule) << 8));
    }
    w.add(totalPaid);
    return w.result();
}

Result<PeriodResult> CommissionEngine::run(const CommissionPlan& plan, const PeriodInput& input, RunOptions options)
{
    const auto invalid = [](const QString& message) { return Error(ErrorCode::InvalidArgument, message); };

    // ---- Validate the input -------------------------------------------------------------------------------
    if (input.distributors.size() >= size_t(std::numeric_limits<qint32>::max())
        || input.orders.size() >= size_t(std::numeric_limits<qint32>::max())
        || input.paidLines.size() >= size_t(std::numeric_limits<qint32>::max()))
        return invalid(tr("The period is too large for one commission run"));
    const qint32 n = qint32(input.distributors.size());
    const auto& dist = input.distributors;
    for (qint32 x = 0; x < n; ++x) {
        const DistributorInput& d = dist[size_t(x)];
        if (d.sponsor < -1 || d.sponsor >= n || d.sponsor == x)
            return invalid(tr("Distributor %1 (rid %2) has an invalid sponsor index %3").arg(x).arg(d.rid).arg(d.sponsor));
        if (d.placement < -1 || d.placement >= n || d.placement == x)
            return invalid(
                tr("Distributor %1 (rid %2) has an invalid placement index %3").arg(x).arg(d.rid).arg(d.placement));
        if (d.rankAchieved < kNoRank || d.rankAchieved >= plan.rankCount())
            return invalid(tr("Distributor %1 (rid %2) has a rank the plan does not define").arg(x).arg(d.rid));
    }

    const size_t orderCount = input.orders.size();
    std::vector<Volume> pv(size_t(n), 0);
    for (const OrderInput& order : input.orders) {
        if (order.distributor < 0 || order.distributor >= n)
            return invalid(tr("Order %1 is attributed to an unknown distributor index %2").arg(order.id).arg(order.distributor));
        if (input.periodEnd > input.periodStart && (order.date < input.periodStart || order.date >= input.periodEnd))
            return invalid(tr("Order %1 is dated outside the period").arg(order.id));
        if (order.cv < 0 || order.cv > kMaxMoney || order.pv < 0 || order.pv > kMaxOrderPv)
            return invalid(tr("Order %1 has a negative or too large CV or PV").arg(order.id));
        pv[size_t(order.distributor)] += order.pv;
    }
    for (const ReturnInput& r : input.returns) {
        if (r.distributor < 0 || r.distributor >= n)
            return invalid(tr("Return %1 is attributed to an unknown distributor index %2").arg(r.id).arg(r.distributor));
        if (r.orderCv <= 0 || r.orderCv > kMaxMoney || r.returnedCv <= 0 || r.previouslyReturnedCv < 0
            || r.returnedCv + r.previouslyReturnedCv > r.orderCv || r.pv < 0)
            return invalid(tr("Return %1 of order %2 returns more than the order's CV, or a negative amount")
                               .arg(r.id)
                               .arg(r.orderId));
        if (r.firstPaidLine < 0 || r.paidLineCount < 0
            || qint64(r.firstPaidLine) + r.paidLineCount > qint64(input.paidLines.size()))
            return invalid(tr("Return %1 refers to paid lines that do not exist").arg(r.id));
        for (qint32 i = r.firstPaidLine; i < r.firstPaidLine + r.paidLineCount; ++i) {
            const PayoutLine& p = input.paidLines[size_t(i)];
            if (p.earner < 0 || p.earner >= n || p.amount < 0 || p.amount > kMaxMoney
                || p.rule == PayoutRule::Clawback || p.sourceOrderId != r.orderId)
                return invalid(tr("Return %1: a paid line of order %2 is not a per-order payout line of that order")
                                   .arg(r.id)
                                   .arg(r.orderId));
        }
        pv[size_t(r.distributor)] -= r.pv;
    }
    for (Volume& v : pv)
        v = std::max<Volume>(v, 0);

    Tree sponsor;
    if (!buildTree(n, [&](qint32 x) { return dist[size_t(x)].sponsor; }, sponsor))
        return invalid(tr("The sponsor tree has a cycle: a distributor is their own upline"));
    Tree placementTree;
    const bool unilevelOnSponsor = plan.unilevelTree == GenealogyTree::Sponsor;
    if (!unilevelOnSponsor
        && !buildTree(n, [&](qint32 x) { return dist[size_t(x)].placement; }, placementTree))
        return invalid(tr("The placement tree has a cycle: a distributor is their own upline"));
    const Tree& uniTree = unilevelOnSponsor ? sponsor : placementTree;
    const auto uniParent = [&](qint32 x) { return unilevelOnSponsor ? dist[size_t(x)].sponsor : dist[size_t(x)].placement; };

    PeriodResult result;
    result.detail = options.detail;
    result.distributors.resize(size_t(n));
    auto& dr = result.distributors;

    // ---- Volumes and ranks, bottom-up in the sponsor tree ------------------------------------------------------
    for (qint32 x = 0; x < n; ++x)
        dr[size_t(x)].pv = dr[size_t(x)].gv = pv[size_t(x)];
    std::vector<Volume>().swap(pv);
    const int rankCount = plan.rankCount();
    for (auto it = sponsor.topo.rbegin(); it != sponsor.topo.rend(); ++it) {
        const qint32 x = *it;
        DistributorResult& r = dr[size_t(x)];
        const qint32 cBegin = sponsor.childOffset[size_t(x)], cEnd = sponsor.childOffset[size_t(x) + 1];
        const auto forEachLeg = [&](auto f) {
            for (qint32 i = cBegin; i < cEnd; ++i) {
                const DistributorResult& c = dr[size_t(sponsor.children[size_t(i)])];
                f(c.gv, c.subtreeMaxRank);
            }
        };
        r.legCount = cEnd - cBegin;
        for (qint32 i = cBegin; i < cEnd; ++i)
            r.largestLeg = std::max(r.largestLeg, dr[size_t(sponsor.children[size_t(i)])].gv);
        const DistributorStatus status = dist[size_t(x)].status;
        r.paidAsRank = kNoRank;
        for (RankIndex k = rankCount - 1; k >= 0; --k) {
            const RankEval e = evalRank(plan, k, status, r.pv, forEachLeg);
            if (rankMet(plan.ranks[size_t(k)], e, r.pv)) {
                r.paidAsRank = k;
                r.qualifyingGv = e.qualifyingGv;
                break;
            }
        }
        if (r.paidAsRank == kNoRank && rankCount > 0)
            r.qualifyingGv = evalRank(plan, 0, status, r.pv, forEachLeg).qualifyingGv;
        if (r.paidAsRank + 1 < rankCount) {
            const RankIndex next = r.paidAsRank + 1;
            const RankDefinition& def = plan.ranks[size_t(next)];
            const RankEval e = evalRank(plan, next, status, r.pv, forEachLeg);
            r.hasNextRank = true;
            r.nextPvShort = std::max<Volume>(0, def.minPv - r.pv);
            r.nextGvShort = std::max<Volume>(0, def.minGv - e.qualifyingGv);
            r.nextLegsShort = std::max<qint32>(0, def.legsRequired - e.legsWithRank);
        }
        r.rankAchieved = std::max(dist[size_t(x)].rankAchieved, r.paidAsRank);
        r.subtreeMaxRank = r.paidAsRank;
        for (qint32 i = cBegin; i < cEnd; ++i)
            r.subtreeMaxRank = std::max(r.subtreeMaxRank, dr[size_t(sponsor.children[size_t(i)])].subtreeMaxRank);
        if (const qint32 p = dist[size_t(x)].sponsor; p >= 0)
            dr[size_t(p)].gv += r.gv;
    }

    // What is left of the trees is each node's depth and a parents-first order (until the uplines are known):
    // the children lists go before the run's largest allocations (a run holds its input and its lines).
    for (Tree* t : {&sponsor, &placementTree}) {
        std::vector<qint32>().swap(t->children);
        std::vector<qint32>().swap(t->childOffset);
    }

    // ---- Compression ---------------------------------------------------------------------------------------
    for (qint32 x = 0; x < n; ++x) {
        const DistributorStatus s = dist[size_t(x)].status;
        dr[size_t(x)].qualified = s != DistributorStatus::Terminated
                                  && !(plan.compressInactive && s == DistributorStatus::Inactive)
                                  && dr[size_t(x)].pv >= plan.compressionMinPv;
    }
    // Nearest qualified strict ancestor in the unilevel tree and in the sponsor tree; nearest generation
    // boundary in the sponsor tree.
    std::vector<qint32> uniUp(size_t(n), -1), sponsorUp(size_t(n), -1), boundaryUp(size_t(n), -1);
    const bool matching = plan.generationCount() > 0 && plan.generationRank != kNoRank;
    const auto isBoundary = [&](qint32 x) {
        return dr[size_t(x)].qualified && dr[size_t(x)].paidAsRank >= plan.generationRank;
    };
    for (const qint32 x : uniTree.topo)
        if (const qint32 p = uniParent(x); p >= 0)
            uniUp[size_t(x)] = dr[size_t(p)].qualified ? p : uniUp[size_t(p)];
    for (const qint32 x : sponsor.topo) {
        if (const qint32 p = dist[size_t(x)].sponsor; p >= 0) {
            sponsorUp[size_t(x)] = dr[size_t(p)].qualified ? p : sponsorUp[size_t(p)];
            if (matching)
                boundaryUp[size_t(x)] = isBoundary(p) ? p : boundaryUp[size_t(p)];
        }
    }
    std::vector<qint32>().swap(sponsor.topo);
    std::vector<qint32>().swap(placementTree.topo);
    // The matchers of every qualified distributor: the first generationCount() boundaries above it, each
    // with its percentage for its generation (those paying 0 are left out).
    std::vector<qint64> matcherOffset(size_t(n) + 1, 0);
    std::vector<qint32> matcherOf;
    std::vector<qint32> matcherGen;
    if (matching) {
        for (qint32 x = 0; x < n; ++x) {
            if (dr[size_t(x)].qualified) {
                qint32 m = boundaryUp[size_t(x)];
                for (int g = 0; g < plan.generationCount() && m >= 0; ++g, m = boundaryUp[size_t(m)]) {
                    if (plan.matchingPercent(g, dr[size_t(m)].paidAsRank) > 0) {
                        matcherOf.push_back(m);
                        matcherGen.push_back(g);
                    }
                }
            }
            matcherOffset[size_t(x) + 1] = qint64(matcherOf.size());
        }
    }

    // ---- Orders, grouped by buyer, by date and id --------------------------------------------------------------
    std::vector<qint32> orderStart(size_t(n) + 1, 0);
    for (const OrderInput& o : input.orders)
        ++orderStart[size_t(o.distributor) + 1];
    for (qint32 i = 0; i < n; ++i)
        orderStart[size_t(i) + 1] += orderStart[size_t(i)];
    std::vector<qint32> byBuyer(orderCount);
    {
        std::vector<qint32> fill(orderStart.begin(), orderStart.end() - 1);
        for (size_t o = 0; o < orderCount; ++o)
            byBuyer[size_t(fill[size_t(input.orders[o].distributor)]++)] = qint32(o);
    }
    for (qint32 b = 0; b < n; ++b) {
        const auto first = byBuyer.begin() + orderStart[size_t(b)], last = byBuyer.begin() + orderStart[size_t(b) + 1];
        if (last - first > 1)
            std::sort(first, last, [&](qint32 l, qint32 r) {
                const OrderInput &a = input.orders[size_t(l)], &c = input.orders[size_t(r)];
                if (a.date != c.date)
                    return a.date < c.date;
                if (a.id != c.id)
                    return a.id < c.id;
                return l < r;
            });
    }

    // ---- Payout lines ----------------------------------------------------------------------------------------
    const bool perOrder = options.detail == LineDetail::PerOrder;
    const int levels = plan.levelCount();
    std::vector<PayoutLine>& lines = result.lines;
    {
        // Reserve an upper bound: untouched capacity costs address space, not memory.
        size_t bound = input.paidLines.size();
        if (perOrder) {
            const size_t paidOrders = options.onlyOrders ? std::min(orderCount, options.onlyOrders->size()) : orderCount;
            bound += paidOrders * size_t(levels + 1);
            if (matching)
                bound += paidOrders * size_t(levels) * size_t(plan.generationCount());
        } else {
            for (qint32 b = 0; b < n; ++b)
                if (orderStart[size_t(b) + 1] > orderStart[size_t(b)])
                    bound += size_t(levels + 1);
            bound += matcherOf.size();
        }
        lines.reserve(bound);
    }

    struct Slot
    {
        qint32 earner;
        qint32 levelRaw;
        BasisPoints bp;
        qint16 level;
        Money base;
        Money amount;
        qint32 count;
    };
    std::vector<Slot> uplineSlots;
    uplineSlots.reserve(size_t(levels));
    std::vector<Money> matchAmount; // Summary: per matcher slot of every distributor
    std::vector<Money> uniEarned;   // Summary: unilevel earned per distributor (the matching base)
    std::vector<qint32> uniLines;   // Summary: orders behind it
    if (!perOrder && matching) {
        matchAmount.assign(matcherOf.size(), 0);
        uniEarned.assign(size_t(n), 0);
        uniLines.assign(size_t(n), 0);
    }
    const qint64 fastStartMs = qint64(plan.fastStartDays) * kDayMs;

    for (qint32 b = 0; b < n; ++b) {
        const qint32 oBegin = orderStart[size_t(b)], oEnd = orderStart[size_t(b) + 1];
        if (oBegin == oEnd)
            continue;
        // The buyer's compressed upline (the same for all their orders).
        uplineSlots.clear();
        qint32 e = uniUp[size_t(b)];
        for (int level = 0; level < levels && e >= 0; ++level, e = uniUp[size_t(e)]) {
            const BasisPoints bp = plan.unilevelPercent(level, dr[size_t(e)].paidAsRank);
            if (bp > 0)
                uplineSlots.push_back({e, uniTree.depth[size_t(b)] - uniTree.depth[size_t(e)], bp, qint16(level + 1), 0, 0, 0});
        }
        const qint32 fsEarner = plan.fastStartBp > 0 ? sponsorUp[size_t(b)] : -1;
        Slot fs{fsEarner, fsEarner >= 0 ? sponsor.depth[size_t(b)] - sponsor.depth[size_t(fsEarner)] : 0,
                plan.fastStartBp, 1, 0, 0, 0};
        const qint64 joinDate = dist[size_t(b)].joinDate;

        for (qint32 i = oBegin; i < oEnd; ++i) {
            const qint32 o = byBuyer[size_t(i)];
            const OrderInput& order = input.orders[size_t(o)];
            const Money cv = order.cv;
            if (cv == 0 || (options.onlyOrders && !options.onlyOrders->count(order.id)))
                continue;
            for (Slot& s : uplineSlots) {
                const Money a = percentOf(cv, s.bp);
                if (perOrder) {
                    lines.push_back({a, cv, order.id, s.earner, b, s.levelRaw, 1, s.bp, s.level, PayoutRule::Unilevel,
                                     PayoutRule::Unilevel});
                    for (qint64 m = matcherOffset[size_t(s.earner)]; m < matcherOffset[size_t(s.earner) + 1]; ++m) {
                        const qint32 matcher = matcherOf[size_t(m)];
                        const int g = matcherGen[size_t(m)];
                        const BasisPoints mbp = plan.matchingPercent(g, dr[size_t(matcher)].paidAsRank);
                        lines.push_back({percentOf(a, mbp), a, order.id, matcher, s.earner,
                                         sponsor.depth[size_t(s.earner)] - sponsor.depth[size_t(matcher)], 1, mbp,
                                         qint16(g + 1), PayoutRule::Matching, PayoutRule::Matching});
                    }
                } else {
                    s.base += cv;
                    s.amount += a;
                    ++s.count;
                    if (matching) {
                        uniEarned[size_t(s.earner)] += a;
                        ++uniLines[size_t(s.earner)];
                        for (qint64 m = matcherOffset[size_t(s.earner)]; m < matcherOffset[size_t(s.earner) + 1]; ++m)
                            matchAmount[size_t(m)] += percentOf(
                                a, plan.matchingPercent(matcherGen[size_t(m)], dr[size_t(matcherOf[size_t(m)])].paidAsRank));
                    }
                }
            }
            if (fs.earner >= 0 && order.date >= joinDate && order.date - joinDate < fastStartMs) {
                const Money a = percentOf(cv, fs.bp);
                if (perOrder) {
                    lines.push_back({a, cv, order.id, fs.earner, b, fs.levelRaw, 1, fs.bp, 1, PayoutRule::FastStart,
                                     PayoutRule::FastStart});
                } else {
                    fs.base += cv;
                    fs.amount += a;
                    ++fs.count;
                }
            }
        }
        if (!perOrder) {
            for (const Slot& s : uplineSlots)
                if (s.count > 0)
                    lines.push_back({s.amount, s.base, 0, s.earner, b, s.levelRaw, s.count, s.bp, s.level,
                                     PayoutRule::Unilevel, PayoutRule::Unilevel});
            if (fs.count > 0)
                lines.push_back({fs.amount, fs.base, 0, fs.earner, b, fs.levelRaw, fs.count, fs.bp, 1,
                                 PayoutRule::FastStart, PayoutRule::FastStart});
        }
    }
    if (!perOrder && matching) {
        for (qint32 d = 0; d < n; ++d) {
            if (uniLines[size_t(d)] == 0)
                continue;
            for (qint64 m = matcherOffset[size_t(d)]; m < matcherOffset[size_t(d) + 1]; ++m) {
                const qint32 matcher = matcherOf[size_t(m)];
                const int g = matcherGen[size_t(m)];
                lines.push_back({matchAmount[size_t(m)], uniEarned[size_t(d)], 0, matcher, d,
                                 sponsor.depth[size_t(d)] - sponsor.depth[size_t(matcher)], uniLines[size_t(d)],
                                 plan.matchingPercent(g, dr[size_t(matcher)].paidAsRank), qint16(g + 1),
                                 PayoutRule::Matching, PayoutRule::Matching});
            }
        }
    }

    // ---- Clawbacks ---------------------------------------------------------------------------------------------
    for (const ReturnInput& r : input.returns) {
        const Money after = r.previouslyReturnedCv + r.returnedCv;
        for (qint32 i = r.firstPaidLine; i < r.firstPaidLine + r.paidLineCount; ++i) {
            const PayoutLine& p = input.paidLines[size_t(i)];
            if (p.amount == 0)
                continue;
            const Money claw = mulDivFloor(p.amount, after, r.orderCv) - mulDivFloor(p.amount, r.previouslyReturnedCv, r.orderCv);
            lines.push_back({-claw, p.amount, r.orderId, p.earner, p.sourceDistributor, p.levelRaw, 1, p.bp,
                             p.levelCompressed, PayoutRule::Clawback, p.rule});
        }
    }

    // The trees and order indexes are no longer needed: free them before the sort, which lowers the peak.
    std::vector<qint32>().swap(byBuyer);
    std::vector<qint32>().swap(uniUp);
    std::vector<qint32>().swap(sponsorUp);
    std::vector<qint32>().swap(boundaryUp);
    std::vector<Money>().swap(matchAmount);
    std::vector<Money>().swap(uniEarned);
    std::vector<qint32>().swap(uniLines);
    placementTree = Tree();
    sponsor = Tree();

    // ---- Order by (earner, rule), stable; totals ---------------------------------------------------------------
    if (lines.size() >= size_t(std::numeric_limits<quint32>::max()))
        return invalid(tr("The period produces too many payout lines for one run"));
    {
        const size_t keys = size_t(n) * kPayoutRuleCount;
        std::vector<qint64> start(keys + 1, 0);
        for (const PayoutLine& l : lines)
            ++start[size_t(l.earner) * kPayoutRuleCount + size_t(l.rule) + 1];
        for (size_t k = 0; k < keys; ++k)
            start[k + 1] += start[k];
        result.lineOffsets.resize(size_t(n) + 1);
        for (qint32 d = 0; d <= n; ++d)
            result.lineOffsets[size_t(d)] = start[size_t(d) * kPayoutRuleCount];
        std::vector<quint32> dest(lines.size());
        for (size_t i = 0; i < lines.size(); ++i) {
            const PayoutLine& l = lines[i];
            dest[i] = quint32(start[size_t(l.earner) * kPayoutRuleCount + size_t(l.rule)]++);
        }
        // Apply the permutation in place: every swap puts one line where it belongs.
        for (size_t i = 0; i < lines.size(); ++i) {
            while (dest[i] != i) {
                const quint32 j = dest[i];
                std::swap(lines[i], lines[j]);
                std::swap(dest[i], dest[j]);
            }
        }
    }
    for (const PayoutLine& l : lines) {
        DistributorResult& r = dr[size_t(l.earner)];
        r.total += l.amount;
        r.byRule[size_t(l.rule)] += l.amount;
        result.totalPaid += l.amount;
    }
    return result;
}

QualificationTrace CommissionEngine::qualificationTrace(const CommissionPlan& plan, const PeriodInput& input,
                                                        const PeriodResult& result, qint32 distributor)
{
    QualificationTrace t;
    if (distributor < 0 || size_t(distributor) >= result.distributors.size()
        || result.distributors.size() != input.distributors.size())
        return t;
    const DistributorResult& r = result.distributors[size_t(distributor)];
    t.distributor = distributor;
    t.status = input.distributors[size_t(distributor)].status;
    t.pv = r.pv;
    t.gv = r.gv;
    t.paidAsRank = r.paidAsRank;
    for (size_t c = 0; c < input.distributors.size(); ++c)
        if (input.distributors[c].sponsor == distributor)
            t.legs.push_back({qint32(c), result.distributors[c].gv, result.distributors[c].subtreeMaxRank});
    std::stable_sort(t.legs.begin(), t.legs.end(),
                     [](const QualificationTrace::Leg& a, const QualificationTrace::Leg& b) { return a.volume > b.volume; });
    const auto forEachLeg = [&](auto f) {
        for (const QualificationTrace::Leg& leg : t.legs)
            f(leg.volume, leg.maxRank);
    };
    for (RankIndex k = 0; k < plan.rankCount(); ++k) {
        const RankDefinition& def = plan.ranks[size_t(k)];
        const RankEval e = evalRank(plan, k, t.status, r.pv, forEachLeg);
        QualificationTrace::RankCheck c;
        c.rank = k;
        c.statusMet = e.statusMet;
        c.pv = r.pv;
        c.minPv = def.minPv;
        c.qualifyingGv = e.qualifyingGv;
        c.minGv = def.minGv;
        c.legCapApplied = e.cap == kNoCap ? 0 : e.cap;
        c.legsWithRank = e.legsWithRank;
        c.legsRequired = def.legsRequired;
        t.ranks.push_back(c);
    }
    return t;
}

QStringList QualificationTrace::describe(const CommissionPlan& plan) const
{
    QStringList out;
    Volume legSum = 0;
    for (const Leg& leg : legs)
        legSum += leg.volume;
    out << tr("Personal volume (PV): %1").arg(pv);
    out << tr("Group volume (GV): %1 = own PV %2 + %n leg(s) totalling %3", nullptr, int(legs.size()))
               .arg(gv)
               .arg(pv)
               .arg(legSum);
    for (const Leg& leg : legs)
        out << tr("  Leg of distributor %1: volume %2, highest rank in the leg: %3")
                   .arg(leg.child)
                   .arg(leg.volume)
                   .arg(plan.rankName(leg.maxRank));
    if (status != DistributorStatus::Active)
        out << tr("Status is %1: no rank is paid until the distributor is active again")
                   .arg(status == DistributorStatus::Inactive ? tr("inactive") : tr("terminated"));
    for (const RankCheck& c : ranks) {
        QStringList parts;
        parts << tr("PV %1 of %2 %3").arg(c.pv).arg(c.minPv).arg(c.pvMet() ? tr("(met)") : tr("(missing %1)").arg(c.minPv - c.pv));
        QString gvText = tr("qualifying GV %1 of %2").arg(c.qualifyingGv).arg(c.minGv);
        if (c.legCapApplied > 0)
            gvText += tr(", each leg counted up to %1").arg(c.legCapApplied);
        gvText += c.gvMet() ? tr(" (met)") : tr(" (missing %1)").arg(c.minGv - c.qualifyingGv);
        parts << gvText;
        if (c.legsRequired > 0)
            parts << tr("%1 of %2 legs with %3 or higher %4")
                         .arg(c.legsWithRank)
                         .arg(c.legsRequired)
                         .arg(plan.rankName(plan.ranks[size_t(c.rank)].legRank))
                         .arg(c.legsMet() ? tr("(met)") : tr("(missing %1)").arg(c.legsRequired - c.legsWithRank));
        out << tr("%1: %2 — %3")
                   .arg(plan.rankName(c.rank), c.met() ? tr("qualified") : tr("not qualified"), parts.join(QStringLiteral("; ")));
    }
    out << tr("Paid as: %1").arg(plan.rankName(paidAsRank));
    if (paidAsRank + 1 < RankIndex(ranks.size())) {
        const RankCheck& next = ranks[size_t(paidAsRank + 1)];
        QStringList missing;
        if (!next.statusMet)
            missing << tr("active status");
        if (!next.pvMet())
            missing << tr("%1 more PV").arg(next.minPv - next.pv);
        if (!next.gvMet())
            missing << tr("%1 more qualifying GV").arg(next.minGv - next.qualifyingGv);
        if (!next.legsMet())
            missing << tr("%n more leg(s) with %1 or higher", nullptr, next.legsRequired - next.legsWithRank)
                           .arg(plan.rankName(plan.ranks[size_t(next.rank)].legRank));
        out << tr("Next rank %1 needs: %2").arg(plan.rankName(next.rank), missing.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace outpost::commissions
