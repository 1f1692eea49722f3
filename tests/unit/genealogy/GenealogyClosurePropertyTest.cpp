#include "GenealogyTestSupport.h"

#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyClosure.h"
#include "genealogy/GenealogyBulkLoader.h"

#include <QSqlQuery>

#include <algorithm>
#include <random>
#include <vector>

using namespace outpost;
using namespace outpost::test;

namespace {

class GenealogyClosurePropertyTest : public GenealogyFixture, public ::testing::WithParamInterface<quint64>
{
protected:
    // Whether `node` is `ancestor` or below it, by the parent map.
    static bool inSubtree(const std::map<qint64, qint64>& parents, qint64 ancestor, qint64 node)
    {
        for (qint64 up = node; up != 0; up = parents.at(up))
            if (up == ancestor)
                return true;
        return false;
    }
    // Every node's upline (root first, with distances) and the per-level counts of a few downlines, read
    // through the bounded closure's jumps, equal what the parent map says; returns the deepest depth seen.
    int checkWalks(GenealogyTree tree, const std::map<qint64, qint64>& parents, const char* when)
    {
        std::map<qint64, std::vector<qint64>> levels; // node -> descendants per level, from the parent map
        int deepest = 0;
        for (const auto& entry : parents) {
            std::vector<qint64> chain; // node first
            for (qint64 up = entry.first; up != 0; up = parents.at(up))
                chain.push_back(up);
            deepest = std::max(deepest, int(chain.size()) - 1);
            for (size_t d = 0; d < chain.size(); ++d) {
                auto& counts = levels[chain[d]];
                counts.resize(std::max(counts.size(), d + 1), 0);
                ++counts[d];
            }
            auto upline = repo->upline(entry.first, tree);
            EXPECT_TRUE(upline.ok()) << when;
            if (!upline.ok())
                return deepest;
            std::vector<qint64> read;
            for (const UplineEntry& e : upline.value()) {
                EXPECT_EQ(e.depth, int(chain.size()) - 1 - int(read.size())) << when << ": distance of " << e.rid;
                read.push_back(e.rid);
            }
            std::reverse(read.begin(), read.end());
            EXPECT_EQ(read, chain) << when << ": upline of " << entry.first;
        }
        // The roots' downlines: the biggest walks.
        for (const auto& [node, counts] : levels) {
            if (parents.at(node) != 0)
                continue;
            auto stats = repo->downlineStatistics(node, tree, nullptr, {});
            EXPECT_TRUE(stats.ok()) << when;
            if (stats.ok()) {
                EXPECT_EQ(std::vector<qint64>(stats->levelCounts.begin(), stats->levelCounts.end()), counts)
                    << when << ": levels below " << node;
            }
        }
        return deepest;
    }
    static qint64 subtreeSize(const std::map<qint64, qint64>& parents, qint64 root)
    {
        qint64 n = 0;
        for (const auto& entry : parents)
            n += inSubtree(parents, root, entry.first) ? 1 : 0;
        return n;
    }
};

// On a generated tree of a few hundred distributors (legs deeper than two closure reaches), a few hundred
// random moves (many of them of big subtrees, some to the root, some that would make a cycle) keep both
// bounded closure tables equal to the closure of the parent links up to GenealogyClosure::kReach levels,
// the uplines and per-level counts read through them equal to the parent links, and the cached downline
// figures equal to theirs (new distributors joining in between); the model predicts exactly which moves
// are rejected.
TEST_P(GenealogyClosurePropertyTest, ClosureEqualsRecomputationAfterRandomMoves)
{
    const quint64 seed = GetParam();
    const int nodes = 300;
    GenealogyBulkLoader loader(*t.db, QStringLiteral("test"));
    auto loaded = loader.load(DemoGenealogy(seed).generate(nodes), clock.nowMs());
    ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();

    std::map<QString, qint64> ridById;
    std::map<qint64, QString> idByRid;
    {
        QSqlQuery q(t.db->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT rid, id FROM distributors")));
        while (q.next()) {
            ridById[q.value(1).toString()] = q.value(0).toLongLong();
            idByRid[q.value(0).toLongLong()] = q.value(1).toString();
        }
    }
    std::vector<qint64> rids;
    for (const auto& entry : idByRid)
        rids.push_back(entry.first);

    std::map<qint64, qint64> model[2] = {readParents(*t.db, GenealogyTree::Sponsor),
                                         readParents(*t.db, GenealogyTree::Placement)};
    for (int tr = 0; tr < 2; ++tr) {
        ASSERT_EQ(readClosure(*t.db, GenealogyTree(tr)), closureFromParents(model[tr])) << "after the bulk load";
        ASSERT_EQ(readFigures(*t.db, GenealogyTree(tr)), figuresFromParents(model[tr])) << "after the bulk load";
    }

    std::mt19937_64 rng(seed);
    auto pick = [&] { return rids[size_t(std::uniform_int_distribution<size_t>(0, rids.size() - 1)(rng))]; };
    int applied = 0, rejected = 0, toRoot = 0, big = 0, deepest = 0;
    for (int step = 0; step < 300; ++step) {
        if (step % 10 == 5) {
            // Someone joins under a random sponsor (placed under the sponsor too).
            const qint64 sponsor = pick();
            const QString id = create(QStringLiteral("Joiner %1").arg(step), idByRid.at(sponsor));
            const qint64 rid = ridOf(id);
            ASSERT_NE(rid, 0);
            idByRid[rid] = id;
            rids.push_back(rid);
            model[0][rid] = sponsor;
            model[1][rid] = sponsor;
            continue;
        }
        const int tr = int(rng() % 2);
        const GenealogyTree tree = GenealogyTree(tr);
        auto& parents = model[tr];
        qint64 node = pick();
        const int kind = int(rng() % 10);
        if (kind < 3) {
            // A big subtree: walk a few levels up from a random node.
            for (int up = int(rng() % 6); up > 0 && parents.at(node) != 0; --up)
                node = parents.at(node);
        }
        qint64 target = 0;
        if (kind == 3) {
            target = 0; // to the root
        } else if (kind == 4) {
            // Into its own subtree (or itself): must be rejected.
            std::vector<qint64> inside;
            for (qint64 r : rids)
                if (inSubtree(parents, node, r))
                    inside.push_back(r);
            target = inside[size_t(rng() % inside.size())];
        } else {
            target = pick();
        }
        const bool cycle = target != 0 && inSubtree(parents, node, target);
        const qint64 size = subtreeSize(parents, node);

        auto m = move(idByRid.at(node), tree, target == 0 ? QString() : idByRid.at(target),
                      QStringLiteral("property step %1").arg(step));
        if (cycle) {
            ASSERT_FALSE(m.ok()) << "step " << step << ": a move into the own subtree was accepted";
            ASSERT_EQ(m.code(), ErrorCode::Rejected) << m.message().toStdString();
            ++rejected;
        } else {
            ASSERT_TRUE(m.ok()) << "step " << step << ": " << m.message().toStdString();
            if (parents[node] != target) {
                ++applied;
                toRoot += target == 0 ? 1 : 0;
                big += size >= 20 ? 1 : 0;
            }
            parents[node] = target;
        }
        if (step % 50 == 49) {
            ASSERT_EQ(readParents(*t.db, tree), parents) << "step " << step;
            deepest = std::max(deepest, checkWalks(tree, parents, "after a move"));
            ASSERT_EQ(readClosure(*t.db, tree), closureFromParents(parents)) << "step " << step;
            ASSERT_EQ(readFigures(*t.db, tree), figuresFromParents(parents)) << "step " << step;
        }
    }
    for (int tr = 0; tr < 2; ++tr) {
        EXPECT_EQ(readParents(*t.db, GenealogyTree(tr)), model[tr]);
        EXPECT_EQ(readClosure(*t.db, GenealogyTree(tr)), closureFromParents(model[tr]));
        EXPECT_EQ(readFigures(*t.db, GenealogyTree(tr)), figuresFromParents(model[tr]));
        // Recomputing the figures from the closure (for writers that bypass the mutators) gives the same.
        ASSERT_TRUE(GenealogyClosure::rebuildFigures(t.db->connection(), GenealogyTree(tr)).ok());
        EXPECT_EQ(readFigures(*t.db, GenealogyTree(tr)), figuresFromParents(model[tr]));
    }
    // The sequence really exercised what it is meant to (uplines and downlines past two jumps included).
    EXPECT_GT(deepest, 2 * GenealogyClosure::kReach);
    EXPECT_GT(applied, 135);
    EXPECT_GT(rejected, 20);
    EXPECT_GT(toRoot, 5);
    EXPECT_GT(big, 10);
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM distributor_moves")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), applied);
}

INSTANTIATE_TEST_SUITE_P(Seeds, GenealogyClosurePropertyTest, ::testing::Values(1u, 7u, 2026u, 31337u));

} // namespace
