#include "GenealogyTestSupport.h"

#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "util/Uuid.h"

#include <QElapsedTimer>
#include <QSqlQuery>

#include <ctime>

#include <vector>

using namespace outpost;
using namespace outpost::test;

namespace {

int maxDepth(const QList<NewDistributor>& nodes, bool placement)
{
    std::vector<int> depth(size_t(nodes.size()), 0);
    int deepest = 0;
    for (int i = 0; i < nodes.size(); ++i) {
        const int p = placement ? nodes.at(i).placementIndex : nodes.at(i).sponsorIndex;
        depth[size_t(i)] = p < 0 ? 0 : depth[size_t(p)] + 1;
        deepest = std::max(deepest, depth[size_t(i)]);
    }
    return deepest;
}

int maxChildren(const QList<NewDistributor>& nodes, int* who)
{
    std::vector<int> n(size_t(nodes.size()), 0);
    for (const auto& d : nodes)
        if (d.sponsorIndex >= 0)
            ++n[size_t(d.sponsorIndex)];
    const auto it = std::max_element(n.begin(), n.end());
    *who = int(it - n.begin());
    return *it;
}

TEST(DemoGenealogyTest, IsDeterministicAndHasRealisticShapes)
{
    const auto first = DemoGenealogy(42).generate(20000);
    const auto again = DemoGenealogy(42).generate(20000);
    const auto other = DemoGenealogy(43).generate(20000);
    ASSERT_EQ(first.size(), 20000);
    ASSERT_EQ(again.size(), 20000);
    int inactive = 0, terminated = 0, differ = 0;
    for (int i = 0; i < first.size(); ++i) {
        const auto& x = first.at(i);
        const auto& y = again.at(i);
        ASSERT_EQ(x.fields.id, y.fields.id) << i;
        ASSERT_EQ(x.fields.displayName, y.fields.displayName) << i;
        ASSERT_EQ(x.sponsorIndex, y.sponsorIndex) << i;
        ASSERT_EQ(x.placementIndex, y.placementIndex) << i;
        ASSERT_EQ(x.fields.status, y.fields.status) << i;
        ASSERT_EQ(x.fields.joinDate, y.fields.joinDate) << i;
        ASSERT_EQ(x.fields.rankAchieved, y.fields.rankAchieved) << i;
        ASSERT_TRUE(isUuid(x.fields.id));
        ASSERT_FALSE(x.fields.displayName.isEmpty());
        ASSERT_LT(x.sponsorIndex, i);
        ASSERT_LT(x.placementIndex, i);
        if (i > 0) {
            ASSERT_GE(x.fields.joinDate, first.at(i - 1).fields.joinDate) << "join dates follow the order";
        }
        inactive += x.fields.status == QLatin1String("inactive") ? 1 : 0;
        terminated += x.fields.status == QLatin1String("terminated") ? 1 : 0;
        differ += x.fields.id != other.at(i).fields.id || x.sponsorIndex != other.at(i).sponsorIndex ? 1 : 0;
    }
    EXPECT_GT(differ, 19000) << "another seed gives another organisation";
    EXPECT_NEAR(double(inactive + terminated) / 20000.0, 0.25, 0.04);
    EXPECT_GT(terminated, 0);
    EXPECT_GT(maxDepth(first, false), 100);
    EXPECT_GT(maxDepth(first, true), 100);
    int hub = -1;
    EXPECT_GT(maxChildren(first, &hub), 1000);
    EXPECT_EQ(first.at(0).sponsorIndex, -1);
    QSet<QString> ids;
    for (const auto& d : first)
        ids.insert(d.fields.id);
    EXPECT_EQ(ids.size(), 20000);
}

class GenealogyBulkLoadTest : public GenealogyFixture
{
};

TEST_F(GenealogyBulkLoadTest, BulkLoadBuildsBothClosuresAndTheReadsWork)
{
    const auto nodes = DemoGenealogy(5).generate(20000);
    GenealogyBulkLoader loader(*t.db, QStringLiteral("demo"));
    auto loaded = loader.load(nodes, clock.nowMs());
    ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
    EXPECT_EQ(loaded.value(), 20000);
    EXPECT_EQ(repo->count().value(), 20000);
    for (GenealogyTree tree : {GenealogyTree::Sponsor, GenealogyTree::Placement})
        EXPECT_EQ(readClosure(*t.db, tree), closureFromParents(readParents(*t.db, tree)));
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ('sponsor_closure_up', "
                                      "'placement_closure_up', 'distributors_sponsor_children', "
                                      "'distributors_placement_children', 'distributors_count_ai')")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 5) << "indexes and triggers are back after the load";

    const qint64 rootRid = ridOf(nodes.at(0).fields.id);
    auto stats = repo->downlineStatistics(rootRid, GenealogyTree::Sponsor);
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->size, 19999);
    EXPECT_GT(stats->maxDepth, 100);
    int hub = -1;
    const int wide = maxChildren(nodes, &hub);
    EXPECT_EQ(repo->childCount(GenealogyTree::Sponsor, ridOf(nodes.at(hub).fields.id)).value(), wide);

    // A mutation on top of bulk-loaded data keeps the closure exact.
    const QString leaf = create(QStringLiteral("New Joiner"), nodes.at(hub).fields.id);
    auto moved = move(nodes.at(hub).fields.id, GenealogyTree::Placement, QString()); // a wide subtree to the root
    ASSERT_TRUE(moved.ok()) << moved.message().toStdString();
    auto up = repo->upline(ridOf(leaf), GenealogyTree::Sponsor);
    ASSERT_TRUE(up.ok());
    EXPECT_EQ(up->first().id, nodes.at(0).fields.id);
    EXPECT_EQ(up->last().id, leaf);
    EXPECT_EQ(readClosure(*t.db, GenealogyTree::Placement), closureFromParents(readParents(*t.db, GenealogyTree::Placement)));
}

TEST_F(GenealogyBulkLoadTest, RejectsAChildListedBeforeItsParent)
{
    auto nodes = DemoGenealogy(5).generate(10);
    nodes[3].sponsorIndex = 8;
    GenealogyBulkLoader loader(*t.db, QStringLiteral("demo"));
    auto loaded = loader.load(nodes, clock.nowMs());
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(repo->count().value(), 0);
}

// Measurement, not a test (timings belong in benchmarks): run with --gtest_also_run_disabled_tests.
TEST_F(GenealogyBulkLoadTest, DISABLED_MeasureMovingALargeSubtree)
{
    const int total = qEnvironmentVariableIntValue("OUTPOST_GENEALOGY_NODES") > 0
                          ? qEnvironmentVariableIntValue("OUTPOST_GENEALOGY_NODES")
                          : 50000;
    const qint64 wanted = qEnvironmentVariableIntValue("OUTPOST_GENEALOGY_SUBTREE") > 0
                              ? qEnvironmentVariableIntValue("OUTPOST_GENEALOGY_SUBTREE")
                              : total / 5;
    const auto nodes = DemoGenealogy(9).generate(total);
    QElapsedTimer timer;
    timer.start();
    GenealogyBulkLoader loader(*t.db, QStringLiteral("demo"));
    ASSERT_TRUE(loader.load(nodes, clock.nowMs()).ok());
    std::printf("bulk load of %d distributors (%lld closure rows): %lld ms\n", total,
                static_cast<long long>(loader.closureRows()), static_cast<long long>(timer.elapsed()));

    // The node whose sponsor subtree is closest to `wanted`.
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT rid, size + 1 FROM sponsor_downline ORDER BY abs(size + 1 - %1) LIMIT 1")
                           .arg(wanted)) && q.next());
    const qint64 rid = q.value(0).toLongLong();
    const qint64 size = q.value(1).toLongLong();
    q.finish();
    auto node = repo->findByRid(rid);
    ASSERT_TRUE(node.ok() && node->has_value());
    auto up = repo->upline(rid, GenealogyTree::Sponsor);
    ASSERT_TRUE(up.ok());
    // A target outside the subtree: the last distributor that is not below the node.
    // With OUTPOST_GENEALOGY_DEEP=1, the deepest distributor outside the subtree (the worst case).
    QString target;
    if (qEnvironmentVariableIntValue("OUTPOST_GENEALOGY_DEEP") > 0) {
        ASSERT_TRUE(q.exec(QStringLiteral("WITH RECURSIVE down(rid, depth) AS (SELECT %1, 0 UNION ALL SELECT d.rid, "
                                          "down.depth + 1 FROM distributors d JOIN down ON d.sponsor_rid = down.rid) "
                                          "SELECT d.id, down.rid FROM down JOIN distributors d ON d.rid = down.rid "
                                          "ORDER BY down.depth DESC LIMIT 500")
                               .arg(ridOf(nodes.at(0).fields.id))));
        while (target.isEmpty() && q.next())
            if (!repo->isAncestor(rid, q.value(1).toLongLong(), GenealogyTree::Sponsor).value())
                target = q.value(0).toString();
        q.finish();
    }
    for (int i = int(nodes.size()) - 1; i >= 0 && target.isEmpty(); --i) {
        const qint64 r = ridOf(nodes.at(i).fields.id);
        if (!repo->isAncestor(rid, r, GenealogyTree::Sponsor).value())
            target = nodes.at(i).fields.id;
    }
    auto targetUp = repo->upline(ridOf(target), GenealogyTree::Sponsor);
    for (const char* sql : {"DELETE FROM sponsor_closure WHERE (ancestor, descendant) IN (SELECT a.ancestor, "
                            "d.descendant FROM sponsor_closure a CROSS JOIN sponsor_closure d WHERE a.descendant = 1 "
                            "AND a.depth > 0 AND d.ancestor = 1)",
                            "INSERT INTO sponsor_closure(ancestor, descendant, depth) SELECT a.ancestor, d.descendant, "
                            "a.depth + d.depth + 1 FROM sponsor_closure a CROSS JOIN sponsor_closure d WHERE "
                            "a.descendant = 2 AND d.ancestor = 1"}) {
        QSqlQuery plan(t.db->connection());
        ASSERT_TRUE(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + QLatin1String(sql)));
        while (plan.next())
            std::printf("  plan: %s\n", qPrintable(plan.value(3).toString()));
    }
    timer.restart();
    const std::clock_t cpu = std::clock();
    auto m = move((*node)->id, GenealogyTree::Sponsor, target);
    const qint64 ms = timer.elapsed();
    const double cpuMs = 1000.0 * double(std::clock() - cpu) / CLOCKS_PER_SEC;
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    std::printf("move of a subtree of %lld (old depth %lld, new depth %lld) in %d: %lld ms wall, %.0f ms CPU\n",
                static_cast<long long>(size), static_cast<long long>(up->size() - 1),
                static_cast<long long>(targetUp->size()), total, static_cast<long long>(ms), cpuMs);
    timer.restart();
    auto deep = repo->upline(ridOf(nodes.at(int(nodes.size()) - 1).fields.id), GenealogyTree::Sponsor);
    std::printf("upline of the last node (%lld levels): %lld ms\n", static_cast<long long>(deep->size()),
                static_cast<long long>(timer.elapsed()));
}

} // namespace
