#include "GenealogyTestSupport.h"

#include "util/Uuid.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace outpost;
using namespace outpost::test;

namespace {

class GenealogyMutatorsTest : public GenealogyFixture
{
protected:
    // root ─ a ─ b ─ c ; root ─ d   (the same shape in both trees)
    void buildChain()
    {
        root = create(QStringLiteral("Root Company"));
        a = create(QStringLiteral("Anna Alpha"), root);
        b = create(QStringLiteral("Bruno Beta"), a);
        c = create(QStringLiteral("Carla Gamma"), b);
        d = create(QStringLiteral("Dario Delta"), root);
    }

    qint64 count(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }

    QString root, a, b, c, d;
};

TEST_F(GenealogyMutatorsTest, CreateStoresFieldsParentsAndClosureRows)
{
    buildChain();
    auto got = repo->find(c);
    ASSERT_TRUE(got.ok() && got->has_value());
    const Distributor& dist = **got;
    EXPECT_EQ(dist.displayName, QStringLiteral("Carla Gamma"));
    EXPECT_EQ(dist.status, QStringLiteral("active"));
    EXPECT_EQ(dist.kycStatus, QStringLiteral("not_started"));
    EXPECT_EQ(dist.joinDate, clock.nowMs());
    EXPECT_EQ(dist.sponsorId, b);
    EXPECT_EQ(dist.placementId, b); // placement defaults to the sponsor
    EXPECT_EQ(repo->count().value(), 5);
    for (GenealogyTree tree : {GenealogyTree::Sponsor, GenealogyTree::Placement})
        EXPECT_EQ(readClosure(*t.db, tree), closureFromParents(readParents(*t.db, tree)));
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM sponsor_closure WHERE descendant = %1").arg(ridOf(c))), 4);
}

TEST_F(GenealogyMutatorsTest, CreateRejectsMissingParentsAndBadFields)
{
    buildChain();
    auto missing = engine->submit(QStringLiteral("distributor.create"),
                                  QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                              {QStringLiteral("fields"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("X")}}},
                                              {QStringLiteral("sponsorId"), newUuidV7()}});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.code(), ErrorCode::NotFound);
    EXPECT_TRUE(missing.message().contains(QStringLiteral("sponsor"))) << missing.message().toStdString();
    auto badStatus = engine->submit(QStringLiteral("distributor.create"),
                                    QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                {QStringLiteral("fields"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("X")},
                                                                                       {QStringLiteral("status"), QStringLiteral("sleeping")}}}});
    ASSERT_FALSE(badStatus.ok());
    EXPECT_EQ(badStatus.code(), ErrorCode::InvalidArgument);
    auto noName = engine->submit(QStringLiteral("distributor.create"),
                                 QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("fields"), QJsonObject{}}});
    ASSERT_FALSE(noName.ok());
    EXPECT_EQ(repo->count().value(), 5);
}

TEST_F(GenealogyMutatorsTest, CreateIsReplaySafe)
{
    buildChain();
    const QJsonObject args{{QStringLiteral("id"), c},
                           {QStringLiteral("fields"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Carla Gamma")}}},
                           {QStringLiteral("sponsorId"), b}};
    auto again = engine->submit(QStringLiteral("distributor.create"), args);
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_EQ(repo->count().value(), 5);
    EXPECT_EQ(readClosure(*t.db, GenealogyTree::Sponsor), closureFromParents(readParents(*t.db, GenealogyTree::Sponsor)));
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE mutation_id = '%1'").arg(again->id)), 0);
}

TEST_F(GenealogyMutatorsTest, UpdateSetsOnlyWhatChangedAndAudits)
{
    buildChain();
    auto m = engine->submit(QStringLiteral("distributor.update"),
                            QJsonObject{{QStringLiteral("id"), a},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("status"), QStringLiteral("inactive")},
                                                                            {QStringLiteral("rankAchieved"), QStringLiteral("Gold")},
                                                                            {QStringLiteral("paidAsRank"), QStringLiteral("Silver")},
                                                                            {QStringLiteral("kycStatus"), QStringLiteral("pending")},
                                                                            {QStringLiteral("displayName"), QStringLiteral("Anna Alpha")}}}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    auto got = repo->find(a);
    ASSERT_TRUE(got.ok() && got->has_value());
    EXPECT_EQ((*got)->status, QStringLiteral("inactive"));
    EXPECT_EQ((*got)->rankAchieved, QStringLiteral("Gold"));
    EXPECT_EQ((*got)->paidAsRank, QStringLiteral("Silver"));
    EXPECT_EQ((*got)->kycStatus, QStringLiteral("pending"));
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT before, after FROM audit_log WHERE mutation_id = '%1'").arg(m->id)) && q.next());
    const QJsonObject after = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
    EXPECT_EQ(after.value(QStringLiteral("status")).toString(), QStringLiteral("inactive"));
    EXPECT_FALSE(after.contains(QStringLiteral("displayName"))); // unchanged, so not in the audit entry

    auto bad = engine->submit(QStringLiteral("distributor.update"),
                              QJsonObject{{QStringLiteral("id"), a},
                                          {QStringLiteral("set"), QJsonObject{{QStringLiteral("kycStatus"), QStringLiteral("great")}}}});
    EXPECT_EQ(bad.code(), ErrorCode::InvalidArgument);
    auto gone = engine->submit(QStringLiteral("distributor.update"),
                               QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                           {QStringLiteral("set"), QJsonObject{{QStringLiteral("status"), QStringLiteral("active")}}}});
    EXPECT_EQ(gone.code(), ErrorCode::NotFound);
}

TEST_F(GenealogyMutatorsTest, MoveUpdatesParentClosureHistoryAndAudit)
{
    buildChain();
    clock.advance(1000);
    auto m = move(b, GenealogyTree::Sponsor, d, QStringLiteral("Enrolment corrected after review"));
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    auto got = repo->find(b);
    ASSERT_TRUE(got.ok() && got->has_value());
    EXPECT_EQ((*got)->sponsorId, d);
    EXPECT_EQ((*got)->placementId, a); // the other tree is untouched
    EXPECT_EQ(readClosure(*t.db, GenealogyTree::Sponsor), closureFromParents(readParents(*t.db, GenealogyTree::Sponsor)));
    EXPECT_EQ(readClosure(*t.db, GenealogyTree::Placement), closureFromParents(readParents(*t.db, GenealogyTree::Placement)));
    auto up = repo->upline(ridOf(c), GenealogyTree::Sponsor);
    ASSERT_TRUE(up.ok());
    ASSERT_EQ(up->size(), 4);
    EXPECT_EQ(up->at(1).id, d);

    QSqlQuery h(t.db->connection());
    ASSERT_TRUE(h.exec(QStringLiteral("SELECT distributor_id, tree, old_parent_id, new_parent_id, effective_date, reason, "
                                      "mutation_id FROM distributor_moves")));
    ASSERT_TRUE(h.next());
    EXPECT_EQ(h.value(0).toString(), b);
    EXPECT_EQ(h.value(1).toString(), QStringLiteral("sponsor"));
    EXPECT_EQ(h.value(2).toString(), a);
    EXPECT_EQ(h.value(3).toString(), d);
    EXPECT_EQ(h.value(4).toLongLong(), clock.nowMs());
    EXPECT_EQ(h.value(5).toString(), QStringLiteral("Enrolment corrected after review"));
    EXPECT_EQ(h.value(6).toString(), m->id);
    EXPECT_FALSE(h.next());

    QSqlQuery audit(t.db->connection());
    ASSERT_TRUE(audit.exec(QStringLiteral("SELECT entity, entity_id, action, mutation, before, after FROM audit_log "
                                          "WHERE mutation_id = '%1'").arg(m->id)));
    ASSERT_TRUE(audit.next());
    EXPECT_EQ(audit.value(0).toString(), QStringLiteral("distributor"));
    EXPECT_EQ(audit.value(1).toString(), b);
    EXPECT_EQ(audit.value(2).toString(), QStringLiteral("update"));
    EXPECT_EQ(audit.value(3).toString(), QStringLiteral("distributor.move@1"));
    const QJsonObject before = QJsonDocument::fromJson(audit.value(4).toByteArray()).object();
    const QJsonObject after = QJsonDocument::fromJson(audit.value(5).toByteArray()).object();
    EXPECT_EQ(before.value(QStringLiteral("sponsorId")).toString(), a);
    EXPECT_EQ(after.value(QStringLiteral("sponsorId")).toString(), d);
    EXPECT_EQ(after.value(QStringLiteral("reason")).toString(), QStringLiteral("Enrolment corrected after review"));
    EXPECT_FALSE(audit.next());
}

TEST_F(GenealogyMutatorsTest, MoveToTheCurrentParentIsANoOp)
{
    buildChain();
    ASSERT_TRUE(move(b, GenealogyTree::Placement, d).ok());
    auto again = move(b, GenealogyTree::Placement, d);
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM distributor_moves")), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE mutation_id = '%1'").arg(again->id)), 0);
    EXPECT_EQ(readClosure(*t.db, GenealogyTree::Placement), closureFromParents(readParents(*t.db, GenealogyTree::Placement)));
}

TEST_F(GenealogyMutatorsTest, MoveToTheRootAndBack)
{
    buildChain();
    ASSERT_TRUE(move(b, GenealogyTree::Sponsor, QString()).ok());
    auto roots = repo->children(GenealogyTree::Sponsor, std::nullopt, std::nullopt, 10);
    ASSERT_TRUE(roots.ok());
    ASSERT_EQ(roots->size(), 2);
    EXPECT_EQ(readClosure(*t.db, GenealogyTree::Sponsor), closureFromParents(readParents(*t.db, GenealogyTree::Sponsor)));
    ASSERT_TRUE(move(b, GenealogyTree::Sponsor, a).ok());
    EXPECT_EQ(readClosure(*t.db, GenealogyTree::Sponsor), closureFromParents(readParents(*t.db, GenealogyTree::Sponsor)));
    EXPECT_EQ(repo->childCount(GenealogyTree::Sponsor, std::nullopt).value(), 1);
}

TEST_F(GenealogyMutatorsTest, CycleCreatingMovesAreRejectedInBothTreesAndChangeNothing)
{
    buildChain();
    for (GenealogyTree tree : {GenealogyTree::Sponsor, GenealogyTree::Placement}) {
        SCOPED_TRACE(genealogyTreeName(tree).toStdString());
        const QStringList before = dumpAllTables(*t.db);
        // Under a descendant (a → c would make a ─ b ─ c ─ a).
        auto intoSubtree = move(a, tree, c);
        ASSERT_FALSE(intoSubtree.ok());
        EXPECT_EQ(intoSubtree.code(), ErrorCode::Rejected);
        EXPECT_TRUE(intoSubtree.message().contains(QStringLiteral("Anna Alpha"))) << intoSubtree.message().toStdString();
        // Whole sentences per tree, not a tree name inserted into one.
        const QString loop = tree == GenealogyTree::Sponsor ? QStringLiteral("would make a loop in the sponsor tree.")
                                                            : QStringLiteral("would make a loop in the placement tree.");
        EXPECT_TRUE(intoSubtree.message().contains(loop)) << intoSubtree.message().toStdString();
        // Under a direct child, and under itself.
        EXPECT_EQ(move(a, tree, b).code(), ErrorCode::Rejected);
        auto self = move(b, tree, b);
        ASSERT_FALSE(self.ok());
        EXPECT_EQ(self.code(), ErrorCode::Rejected);
        EXPECT_TRUE(self.message().contains(QStringLiteral("themselves"))) << self.message().toStdString();
        EXPECT_EQ(dumpAllTables(*t.db), before) << "a rejected move must leave the database as it was";
    }
}

TEST_F(GenealogyMutatorsTest, MoveValidatesItsArguments)
{
    buildChain();
    auto noReason = move(b, GenealogyTree::Sponsor, d, QStringLiteral("   "));
    EXPECT_EQ(noReason.code(), ErrorCode::InvalidArgument);
    auto badTree = engine->submit(QStringLiteral("distributor.move"),
                                  QJsonObject{{QStringLiteral("id"), b}, {QStringLiteral("tree"), QStringLiteral("binary")},
                                              {QStringLiteral("newParentId"), d}, {QStringLiteral("effectiveDate"), 1.0},
                                              {QStringLiteral("reason"), QStringLiteral("x")}});
    EXPECT_EQ(badTree.code(), ErrorCode::InvalidArgument);
    auto noDate = engine->submit(QStringLiteral("distributor.move"),
                                 QJsonObject{{QStringLiteral("id"), b}, {QStringLiteral("tree"), QStringLiteral("sponsor")},
                                             {QStringLiteral("newParentId"), d}, {QStringLiteral("reason"), QStringLiteral("x")}});
    EXPECT_EQ(noDate.code(), ErrorCode::InvalidArgument);
    auto unknownParent = move(b, GenealogyTree::Sponsor, newUuidV7());
    EXPECT_EQ(unknownParent.code(), ErrorCode::NotFound);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM distributor_moves")), 0);
}

} // namespace
