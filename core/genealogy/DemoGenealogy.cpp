#include "genealogy/DemoGenealogy.h"

#include "demo/DemoDataGenerator.h"
#include "util/Uuid.h"

#include <algorithm>
#include <vector>

namespace outpost {

namespace {

constexpr quint64 mix64(quint64 z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// A counter-based stream: draw(index, stream) is a pure function, so every choice is reproducible.
class Draw
{
public:
    explicit Draw(quint64 seed) : m_key(mix64(seed ^ 0x67656e65616c6f67ULL)) {}
    quint64 bits(qint64 index, quint64 stream) const
    {
        return mix64(m_key ^ mix64(quint64(index) * 0x9e3779b97f4a7c15ULL + stream));
    }
    double unit(qint64 index, quint64 stream) const { return double(bits(index, stream) >> 11) * 0x1.0p-53; }
    qint64 below(qint64 index, quint64 stream, qint64 n) const { return qint64(unit(index, stream) * double(n)); }

private:
    quint64 m_key;
};

enum Stream : quint64 { sKind = 1, sPick, sRecent, sPlace, sStatus, sRank, sPaid, sJitter, sUuid, sHub };

} // namespace

const QStringList& DemoGenealogy::rankLadder()
{
    static const QStringList ladder = {QStringLiteral("Member"), QStringLiteral("Bronze"),   QStringLiteral("Silver"),
                                       QStringLiteral("Gold"),   QStringLiteral("Platinum"), QStringLiteral("Diamond")};
    return ladder;
}

QList<NewDistributor> DemoGenealogy::generate(int count) const
{
    QList<NewDistributor> out;
    if (count <= 0)
        return out;
    out.reserve(count);
    const Draw draw(m_seed);
    const DemoDataGenerator people(m_seed);

    // Shape parameters, scaled with the size.
    const int hubs = std::clamp(count / 4000, 2, 6);
    const int legs = 3;
    const int legLength = std::clamp(count / 8, 4, 160);
    // Every `stride`-th distributor extends a leg, in turn; this reaches legLength per leg exactly.
    const int stride = std::max(1, (count - 1 - hubs) / (legs * legLength));
    std::vector<int> legTail(size_t(legs), -1);
    std::vector<int> legLen(size_t(legs), 0);
    std::vector<int> lastChild(size_t(count), -1);

    const qint64 startMs = 1'609'459'200'000;      // 2021-01-01T00:00Z
    const qint64 spanMs = 5LL * 365 * 86'400'000;  // five years of joining
    const qint64 stepMs = std::max<qint64>(1, spanMs / count);
    const QStringList& ladder = rankLadder();

    for (int i = 0; i < count; ++i) {
        NewDistributor nd;
        int sponsor = -1;
        bool wide = false;
        if (i == 0) {
            sponsor = -1; // the company's top distributor
        } else if (i <= hubs) {
            sponsor = 0;
            wide = true;
        } else if ((i - hubs - 1) % stride == 0 && legLen[size_t(((i - hubs - 1) / stride) % legs)] < legLength) {
            const size_t leg = size_t(((i - hubs - 1) / stride) % legs);
            sponsor = legTail[leg] >= 0 ? legTail[leg] : 1 + int(leg % size_t(hubs));
            legTail[leg] = i;
            ++legLen[leg];
        } else {
            const double kind = draw.unit(i, sKind);
            if (kind < 0.25) {
                // A hub; the first hub recruits about half of the hubs' share.
                const double h = draw.unit(i, sHub);
                sponsor = h < 0.5 ? 1 : 2 + int(draw.below(i, sHub + 100, hubs - 1));
            } else if (kind < 0.60) {
                sponsor = int(draw.below(i, sPick, i)); // anyone who joined before
            } else {
                // Someone who joined recently: they are the ones recruiting now.
                const int window = std::max(1, i / 20);
                sponsor = i - 1 - int(draw.below(i, sRecent, window));
            }
        }
        int placement = sponsor;
        if (sponsor >= 0 && !wide && draw.unit(i, sPlace) < 0.3 && lastChild[size_t(sponsor)] >= 0)
            placement = lastChild[size_t(sponsor)]; // spill-over under the sponsor's previous recruit
        if (sponsor >= 0)
            lastChild[size_t(sponsor)] = i;
        nd.sponsorIndex = sponsor;
        nd.placementIndex = placement;

        Distributor& d = nd.fields;
        const qint64 joined = startMs + qint64(i) * stepMs + draw.below(i, sJitter, stepMs);
        d.id = formatUuidV7(joined, quint16(draw.bits(i, sUuid)), draw.bits(i, sUuid + 100));
        const DemoContact person = people.contact(i);
        d.displayName = QString(person.firstName + QLatin1Char(' ') + person.lastName).trimmed();
        d.joinDate = joined;
        const bool leader = i <= hubs;
        const double st = draw.unit(i, sStatus);
        d.status = leader || st >= 0.27 ? QStringLiteral("active")
                   : st < 0.02          ? QStringLiteral("terminated")
                                        : QStringLiteral("inactive");
        // Ranks: most stay at the bottom, a few climb high.
        const double r = draw.unit(i, sRank);
        const int rank = leader ? int(ladder.size()) - 1 : std::min(int(ladder.size()) - 1, int(r * r * r * 6.0));
        d.rankAchieved = ladder.at(rank);
        const int paid = d.status == QLatin1String("active") ? int(draw.below(i, sPaid, rank + 1)) : 0;
        d.paidAsRank = ladder.at(paid);
        d.kycStatus = QStringLiteral("not_started");
        out.append(std::move(nd));
    }
    return out;
}

} // namespace outpost
