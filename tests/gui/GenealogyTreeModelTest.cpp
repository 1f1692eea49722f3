// GenealogyTreeModel under QAbstractItemModelTester: lazy roots and children page by page, reveal() of the
// deepest distributor and of one far down a wide parent's name order, switching trees, reloading after a
// move, and a read that fails.
#include "genealogy/GenealogyTreeModel.h"

#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "GuiTestUtil.h"
#include "TempDir.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QMutex>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace outpost;
using namespace outpost::test;

namespace {

// The deepest distributor of the sponsor tree and its depth, from the parent links (the closure table only
// holds ancestors within GenealogyClosure::kReach levels).
const char* const kDeepestSql = "WITH RECURSIVE down(rid, depth) AS (SELECT rid, 0 FROM distributors WHERE sponsor_rid "
                                "IS NULL UNION ALL SELECT d.rid, down.depth + 1 FROM distributors d JOIN down ON "
                                "d.sponsor_rid = down.rid) SELECT %1 FROM down ORDER BY depth DESC, rid LIMIT 1";

// What QAbstractItemModelTester reports (category "qt.modeltest").
class ModelTesterWarnings
{
public:
    ModelTesterWarnings()
    {
        s_current = this;
        m_previous = qInstallMessageHandler(&ModelTesterWarnings::handle);
    }
    ~ModelTesterWarnings()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    QStringList list() const
    {
        QMutexLocker lock(&m_mutex);
        return m_warnings;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        if (type == QtDebugMsg || type == QtInfoMsg || !s_current
            || qstrcmp(context.category, "qt.modeltest") != 0)
            return;
        QMutexLocker lock(&s_current->m_mutex);
        s_current->m_warnings << message;
    }
    static inline ModelTesterWarnings* s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_warnings;
};

class GenealogyTreeModelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        workspace = makeWorkspace(dir.path());
        ASSERT_NE(workspace, nullptr);
        GenealogyBulkLoader loader(workspace->database(), QStringLiteral("test"));
        auto loaded = loader.load(DemoGenealogy(11).generate(6000), 1'700'000'000'000);
        ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
        repo = std::make_unique<GenealogyRepository>(workspace->database());
    }

    qint64 scalar(const QString& sql)
    {
        QSqlQuery q(workspace->database().connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<GenealogyRepository> repo;
};

// Without a tester (which fetches everything it can reach to check it): what is read, and when.
TEST_F(GenealogyTreeModelTest, ReadsOnlyWhatIsExpandedOrOnThePathToARevealedNode)
{
    GenealogyTreeModel model(*repo, GenealogyTree::Sponsor);
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_TRUE(model.hasChildren());
    ASSERT_TRUE(model.canFetchMore({}));
    model.fetchMore({});
    ASSERT_EQ(model.rowCount(), 1); // the company
    EXPECT_FALSE(model.canFetchMore({}));
    const QModelIndex company = model.index(0, 0);
    EXPECT_TRUE(model.hasChildren(company));
    EXPECT_EQ(model.rowCount(company), 0);
    EXPECT_EQ(model.loadedCount(), 1);

    // The widest parent's children come a page at a time.
    const qint64 hubRid = scalar(QStringLiteral("SELECT sponsor_rid FROM distributors WHERE sponsor_rid IS NOT NULL "
                                                "GROUP BY sponsor_rid ORDER BY count(*) DESC LIMIT 1"));
    const qint64 hubChildren = scalar(QStringLiteral("SELECT count(*) FROM distributors WHERE sponsor_rid = %1").arg(hubRid));
    ASSERT_GT(hubChildren, GenealogyTreeModel::PageSize) << "the demo tree should have a wide node";
    const QModelIndex hub = model.reveal(hubRid);
    ASSERT_TRUE(hub.isValid());
    EXPECT_EQ(model.rowCount(hub), 0);
    model.fetchMore(hub);
    EXPECT_EQ(model.rowCount(hub), GenealogyTreeModel::PageSize);
    EXPECT_TRUE(model.canFetchMore(hub));
    while (model.canFetchMore(hub))
        model.fetchMore(hub);
    EXPECT_EQ(model.rowCount(hub), hubChildren);

    // The deepest distributor: its path, and per ancestor at most the children up to the path's next step
    // (a page at least).
    model.reload();
    const qint64 deepRid = scalar(QString::fromLatin1(kDeepestSql).arg(QStringLiteral("rid")));
    const qint64 deepDepth = scalar(QString::fromLatin1(kDeepestSql).arg(QStringLiteral("depth")));
    ASSERT_GT(deepDepth, 100);
    const QModelIndex deep = model.reveal(deepRid);
    ASSERT_TRUE(deep.isValid());
    EXPECT_EQ(model.ridAt(deep), deepRid);
    auto upline = repo->upline(deepRid, GenealogyTree::Sponsor);
    ASSERT_TRUE(upline.ok());
    int levels = 0;
    QModelIndex up = deep;
    for (qsizetype i = upline->size() - 1; i >= 0; --i, up = up.parent(), ++levels)
        ASSERT_EQ(model.ridAt(up), upline->at(i).rid) << "level " << i;
    EXPECT_FALSE(up.isValid());
    EXPECT_EQ(levels, deepDepth + 1);
    qint64 bound = 1;
    for (const UplineEntry& step : upline.value())
        if (step.depth > 0)
            bound += std::max<qint64>(GenealogyTreeModel::PageSize,
                                      repo->childPosition(GenealogyTree::Sponsor, step.rid,
                                                          {upline->at(upline->size() - step.depth).sortKey,
                                                           upline->at(upline->size() - step.depth).rid})
                                              .value()
                                          + 1);
    EXPECT_LE(model.loadedCount(), bound);
    EXPECT_EQ(model.data(deep.siblingAtColumn(GenealogyTreeModel::KycColumn)).toString(), QStringLiteral("Not started"));
    EXPECT_EQ(model.data(deep.siblingAtColumn(GenealogyTreeModel::PvColumn)).toString(), QStringLiteral("—"));
    model.setVolumeSource([](qint64 rid) { return GenealogyTreeModel::Volumes{rid, rid * 10}; });
    EXPECT_EQ(model.data(deep.siblingAtColumn(GenealogyTreeModel::GvColumn)).toString(),
              QLocale().toString(deepRid * 10));
    EXPECT_FALSE(model.reveal(99'999'999).isValid());
}

TEST_F(GenealogyTreeModelTest, PassesTheModelTesterWhileFetchingRevealingAndSwitchingTrees)
{
    ModelTesterWarnings warnings;
    GenealogyTreeModel model(*repo, GenealogyTree::Sponsor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    if (model.canFetchMore({}))
        model.fetchMore({});
    const qint64 deepRid = scalar(QString::fromLatin1(kDeepestSql).arg(QStringLiteral("rid")));
    const QModelIndex deep = model.reveal(deepRid);
    ASSERT_TRUE(deep.isValid());
    EXPECT_EQ(model.ridAt(deep), deepRid);
    for (QModelIndex i = deep; i.isValid(); i = i.parent())
        if (model.canFetchMore(i))
            model.fetchMore(i);

    model.setTree(GenealogyTree::Placement);
    const QModelIndex placed = model.reveal(deepRid);
    ASSERT_TRUE(placed.isValid());
    EXPECT_EQ(model.ridAt(placed), deepRid);
    auto placementUp = repo->upline(deepRid, GenealogyTree::Placement);
    EXPECT_EQ(model.ridAt(placed.parent()), placementUp->at(placementUp->size() - 2).rid);
    model.reload();
    EXPECT_TRUE(model.reveal(deepRid).isValid());
    EXPECT_TRUE(warnings.list().isEmpty()) << warnings.list().join(QLatin1Char('\n')).toStdString();
}

TEST_F(GenealogyTreeModelTest, RevealsAChildFarDownAWideParentsNameOrder)
{
    ModelTesterWarnings warnings;
    GenealogyTreeModel model(*repo, GenealogyTree::Sponsor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    const qint64 hubRid = scalar(QStringLiteral("SELECT sponsor_rid FROM distributors WHERE sponsor_rid IS NOT NULL "
                                                "GROUP BY sponsor_rid ORDER BY count(*) DESC LIMIT 1"));
    // The hub's last child in name order.
    const qint64 lastRid = scalar(QStringLiteral("SELECT rid FROM distributors WHERE sponsor_rid = %1 "
                                                 "ORDER BY sort_key DESC, rid DESC LIMIT 1").arg(hubRid));
    const QModelIndex last = model.reveal(lastRid);
    ASSERT_TRUE(last.isValid());
    EXPECT_EQ(model.ridAt(last.parent()), hubRid);
    EXPECT_EQ(last.row(), model.rowCount(last.parent()) - 1);
    // The model learns there is nothing after it on the next fetch.
    if (model.canFetchMore(last.parent()))
        model.fetchMore(last.parent());
    EXPECT_EQ(last.row(), model.rowCount(last.parent()) - 1);
    EXPECT_FALSE(model.canFetchMore(last.parent()));
    // Revealing it again reads nothing new.
    const int loaded = model.loadedCount();
    EXPECT_EQ(model.reveal(lastRid), last);
    EXPECT_EQ(model.loadedCount(), loaded);
    EXPECT_TRUE(warnings.list().isEmpty()) << warnings.list().join(QLatin1Char('\n')).toStdString();
}

TEST_F(GenealogyTreeModelTest, ShowsAMoveAfterReloadAndReportsFailedReads)
{
    ModelTesterWarnings warnings;
    GenealogyTreeModel model(*repo, GenealogyTree::Sponsor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    const qint64 deepRid = scalar(QString::fromLatin1(kDeepestSql).arg(QStringLiteral("rid")));
    const qint64 rootRid = scalar(QStringLiteral("SELECT rid FROM distributors WHERE sponsor_rid IS NULL"));
    ASSERT_TRUE(model.reveal(deepRid).isValid());

    auto moved = repo->findByRid(deepRid);
    auto root = repo->findByRid(rootRid);
    ASSERT_TRUE(moved.ok() && moved->has_value() && root.ok() && root->has_value());
    auto m = workspace->mutations().submit(QStringLiteral("distributor.move"),
                                           QJsonObject{{QStringLiteral("id"), (*moved)->id},
                                                       {QStringLiteral("tree"), QStringLiteral("sponsor")},
                                                       {QStringLiteral("newParentId"), (*root)->id},
                                                       {QStringLiteral("effectiveDate"), 1.7e12},
                                                       {QStringLiteral("reason"), QStringLiteral("test")}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    model.reload();
    const QModelIndex now = model.reveal(deepRid);
    ASSERT_TRUE(now.isValid());
    EXPECT_EQ(model.ridAt(now.parent()), rootRid);
    EXPECT_FALSE(now.parent().parent().isValid());

    // A read that fails is reported once and not retried in a loop.
    QSignalSpy failed(&model, &GenealogyTreeModel::loadFailed);
    QSqlQuery q(workspace->database().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("ALTER TABLE sponsor_downline RENAME TO sponsor_downline_gone")));
    model.reload();
    if (model.canFetchMore({})) // the tester may have fetched already
        model.fetchMore({});
    EXPECT_EQ(failed.count(), 1);
    EXPECT_FALSE(model.canFetchMore({}));
    EXPECT_FALSE(model.hasChildren());
    EXPECT_TRUE(warnings.list().isEmpty()) << warnings.list().join(QLatin1Char('\n')).toStdString();
}

} // namespace
