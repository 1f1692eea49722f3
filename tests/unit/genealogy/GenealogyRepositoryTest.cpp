#include "GenealogyTestSupport.h"

#include <QSet>

#include <algorithm>

using namespace outpost;
using namespace outpost::test;

namespace {

class GenealogyRepositoryTest : public GenealogyFixture
{
};

// Sponsor tree:              Placement tree (E spilled over under D):
//   A                          A
//   ├─ B                       ├─ B
//   │  ├─ D                    │  └─ D
//   │  │  └─ F                 │     ├─ F
//   │  └─ E                    │     └─ E
//   └─ C                       └─ C
TEST_F(GenealogyRepositoryTest, UplineIsRootFirstAndStatisticsCountEveryLevel)
{
    const QString a = create(QStringLiteral("A"));
    const QString b = create(QStringLiteral("B"), a);
    const QString c = create(QStringLiteral("C"), a);
    const QString d = create(QStringLiteral("D"), b);
    const QString e = create(QStringLiteral("E"), b, d);
    const QString f = create(QStringLiteral("F"), d);

    auto up = repo->upline(ridOf(f), GenealogyTree::Sponsor);
    ASSERT_TRUE(up.ok()) << up.message().toStdString();
    QStringList names;
    QList<int> depths;
    for (const UplineEntry& u : up.value()) {
        names << u.displayName;
        depths << u.depth;
    }
    EXPECT_EQ(names, (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("D"), QStringLiteral("F")}));
    EXPECT_EQ(depths, (QList<int>{3, 2, 1, 0}));
    EXPECT_EQ(up->first().id, a);
    auto upE = repo->upline(ridOf(e), GenealogyTree::Placement);
    ASSERT_TRUE(upE.ok());
    ASSERT_EQ(upE->size(), 4);
    EXPECT_EQ(upE->at(2).id, d);
    EXPECT_TRUE(repo->upline(999999, GenealogyTree::Sponsor)->isEmpty());

    auto all = repo->downlineStatistics(ridOf(a), GenealogyTree::Sponsor);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size, 5);
    EXPECT_EQ(all->maxDepth, 3);
    EXPECT_EQ(all->levelCounts, (QList<qint64>{1, 2, 2, 1}));
    auto placedA = repo->downlineStatistics(ridOf(a), GenealogyTree::Placement);
    ASSERT_TRUE(placedA.ok());
    EXPECT_EQ(placedA->levelCounts, (QList<qint64>{1, 2, 1, 2}));
    auto ofB = repo->downlineStatistics(ridOf(b), GenealogyTree::Sponsor);
    ASSERT_TRUE(ofB.ok());
    EXPECT_EQ(ofB->size, 3);
    EXPECT_EQ(ofB->maxDepth, 2);
    EXPECT_EQ(ofB->levelCounts, (QList<qint64>{1, 2, 1}));
    auto leaf = repo->downlineStatistics(ridOf(c), GenealogyTree::Sponsor);
    ASSERT_TRUE(leaf.ok());
    EXPECT_EQ(leaf->size, 0);
    EXPECT_EQ(leaf->maxDepth, 0);

    EXPECT_TRUE(repo->isAncestor(ridOf(a), ridOf(f), GenealogyTree::Sponsor).value());
    EXPECT_TRUE(repo->isAncestor(ridOf(f), ridOf(f), GenealogyTree::Sponsor).value());
    EXPECT_FALSE(repo->isAncestor(ridOf(c), ridOf(f), GenealogyTree::Sponsor).value());
    EXPECT_FALSE(repo->isAncestor(ridOf(d), ridOf(e), GenealogyTree::Sponsor).value());
    EXPECT_TRUE(repo->isAncestor(ridOf(d), ridOf(e), GenealogyTree::Placement).value());

    auto kids = repo->children(GenealogyTree::Sponsor, ridOf(b), std::nullopt, 10);
    ASSERT_TRUE(kids.ok());
    ASSERT_EQ(kids->size(), 2);
    EXPECT_TRUE(kids->at(0).hasChildren);  // D has F
    EXPECT_FALSE(kids->at(1).hasChildren); // E has none in the sponsor tree
    EXPECT_EQ(repo->childCount(GenealogyTree::Placement, ridOf(d)).value(), 2);
}

TEST_F(GenealogyRepositoryTest, KeysetPagingReturnsEveryChildOnceInNameOrder)
{
    const QString top = create(QStringLiteral("Top Leader"));
    const QString other = create(QStringLiteral("Other Leader"));
    // Duplicates, diacritics and case to exercise the (sort key, rid) order.
    const QStringList names = {QStringLiteral("Zoë Ørsted"), QStringLiteral("anna Li"), QStringLiteral("Anna Li"),
                               QStringLiteral("Ånsgar Berg"), QStringLiteral("Bo Lia"), QStringLiteral("Jürgen Müller"),
                               QStringLiteral("Karl Muller"), QStringLiteral("Anna Li"), QStringLiteral("Émile Zola"),
                               QStringLiteral("Marek Wójcik"), QStringLiteral("Ola Nordmann"), QStringLiteral("Kari Berg"),
                               QStringLiteral("Ana Peña"), QStringLiteral("Łucja Nowak"), QStringLiteral("Ngọc Trần"),
                               QStringLiteral("Bo Lia"), QStringLiteral("Søren Kirk"), QStringLiteral("Ida Holm"),
                               QStringLiteral("Anna Li"), QStringLiteral("Yusuf Demir"), QStringLiteral("Kaan Yılmaz"),
                               QStringLiteral("Pál Kovács")};
    QSet<QString> expected;
    for (const QString& n : names)
        expected.insert(create(n, top));
    create(QStringLiteral("Not A Child"), other);
    ASSERT_EQ(repo->childCount(GenealogyTree::Sponsor, ridOf(top)).value(), names.size());

    for (int pageSize : {1, 4, 7, 100}) {
        SCOPED_TRACE(pageSize);
        QList<DistributorListRow> seen;
        std::optional<DistributorCursor> after;
        for (int guard = 0; guard < 100; ++guard) {
            auto page = repo->children(GenealogyTree::Sponsor, ridOf(top), after, pageSize);
            ASSERT_TRUE(page.ok()) << page.message().toStdString();
            seen << page.value();
            if (page->size() < pageSize)
                break;
            after = DistributorCursor{page->last().sortKey, page->last().rid};
        }
        QSet<QString> ids;
        for (const auto& r : std::as_const(seen))
            ids.insert(r.id);
        EXPECT_EQ(seen.size(), names.size()) << "every child exactly once";
        EXPECT_EQ(ids, expected);
        EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(), [](const DistributorListRow& l, const DistributorListRow& r) {
            return l.sortKey < r.sortKey || (l.sortKey == r.sortKey && l.rid < r.rid);
        }));
        EXPECT_EQ(seen.first().displayName.left(3), QStringLiteral("Ana")); // "ana pena" sorts first
    }
    auto roots = repo->children(GenealogyTree::Sponsor, std::nullopt, std::nullopt, 10);
    ASSERT_TRUE(roots.ok());
    ASSERT_EQ(roots->size(), 2);
    EXPECT_EQ(roots->at(0).displayName, QStringLiteral("Other Leader"));

    // A child's position in that order is what a reveal loads up to.
    for (int i = 0; i < int(names.size()); i += 5) {
        auto all = repo->children(GenealogyTree::Sponsor, ridOf(top), std::nullopt, 100);
        const DistributorListRow& r = all->at(i);
        EXPECT_EQ(repo->childPosition(GenealogyTree::Sponsor, ridOf(top), {r.sortKey, r.rid}).value(), i);
    }
}

// Search by name prefix (case and accents folded) or by exact id; the figures and legs come from the
// cached downline table and follow creates and moves.
TEST_F(GenealogyRepositoryTest, SearchFiguresAndLegs)
{
    const QString a = create(QStringLiteral("Åsa Lindqvist"));
    const QString b = create(QStringLiteral("Bruno Lind"), a);
    const QString c = create(QStringLiteral("Carla Linde"), a);
    const QString d = create(QStringLiteral("Dora Lindgren"), b);
    const QString e = create(QStringLiteral("Emil Lind"), d);

    auto byName = repo->search(QStringLiteral("asa"), 10);
    ASSERT_TRUE(byName.ok()) << byName.message().toStdString();
    ASSERT_EQ(byName->size(), 1);
    EXPECT_EQ(byName->first().id, a);
    auto prefix = repo->search(QStringLiteral("  EMIL li "), 10);
    ASSERT_EQ(prefix->size(), 1);
    EXPECT_EQ(prefix->first().id, e);
    EXPECT_EQ(repo->search(QStringLiteral("b"), 10)->size(), 1);
    EXPECT_TRUE(repo->search(QStringLiteral("lind"), 10)->isEmpty()); // names start with the first name
    EXPECT_TRUE(repo->search(QStringLiteral("   "), 10)->isEmpty());
    auto byId = repo->search(d.toUpper(), 10);
    ASSERT_EQ(byId->size(), 1);
    EXPECT_EQ(byId->first().displayName, QStringLiteral("Dora Lindgren"));

    auto top = repo->downlineFigures(ridOf(a), GenealogyTree::Sponsor);
    ASSERT_TRUE(top.ok());
    EXPECT_EQ(top->size, 4);
    EXPECT_EQ(top->height, 3);
    auto legs = repo->legs(ridOf(a), GenealogyTree::Sponsor, 10);
    ASSERT_TRUE(legs.ok());
    ASSERT_EQ(legs->size(), 2);
    EXPECT_EQ(legs->at(0).id, b); // Bruno, Dora, Emil
    EXPECT_EQ(legs->at(0).size, 3);
    EXPECT_EQ(legs->at(1).id, c);
    EXPECT_EQ(legs->at(1).size, 1);

    // Dora (with Emil) moves under Carla: sizes and heights follow on both sides.
    ASSERT_TRUE(move(d, GenealogyTree::Sponsor, c).ok());
    EXPECT_EQ(repo->downlineFigures(ridOf(b), GenealogyTree::Sponsor)->size, 0);
    EXPECT_EQ(repo->downlineFigures(ridOf(b), GenealogyTree::Sponsor)->height, 0);
    EXPECT_EQ(repo->downlineFigures(ridOf(c), GenealogyTree::Sponsor)->size, 2);
    EXPECT_EQ(repo->downlineFigures(ridOf(c), GenealogyTree::Sponsor)->height, 2);
    EXPECT_EQ(repo->downlineFigures(ridOf(a), GenealogyTree::Sponsor)->height, 3);
    EXPECT_EQ(repo->legs(ridOf(a), GenealogyTree::Sponsor, 1)->first().id, c);
    // The placement tree did not change.
    EXPECT_EQ(repo->downlineFigures(ridOf(b), GenealogyTree::Placement)->size, 2);
    auto row = repo->listRow(GenealogyTree::Sponsor, ridOf(c));
    ASSERT_TRUE(row.ok() && row->has_value());
    EXPECT_EQ((*row)->downlineSize, 2);
    EXPECT_TRUE((*row)->hasChildren);
}

} // namespace
