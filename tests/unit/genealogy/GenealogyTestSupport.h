#pragma once

#include "genealogy/GenealogyClosure.h"
#include "genealogy/GenealogyRepository.h"
#include "mutations/MutationEngine.h"

#include "TestWorkspace.h"

#include <QJsonObject>

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace outpost::test {

using ClosureRow = std::tuple<qint64, qint64, int>; // ancestor, descendant, depth
using ClosureSet = std::set<ClosureRow>;

// rid -> parent rid (0 for a root) of one tree, as the distributors table says.
std::map<qint64, qint64> readParents(Database& db, GenealogyTree tree);
// The closure table as stored.
ClosureSet readClosure(Database& db, GenealogyTree tree);
// The closure a parent map implies, computed by walking up from every node (including (n, n, 0)), with the
// rows up to `reach` levels apart: by default what the bounded closure table keeps (GenealogyClosure::kReach).
ClosureSet closureFromParents(const std::map<qint64, qint64>& parents, int reach = GenealogyClosure::kReach);
using Figures = std::map<qint64, std::pair<qint64, int>>; // rid -> (downline size, height)
// The cached downline figures as stored (migration 17).
Figures readFigures(Database& db, GenealogyTree tree);
// The figures a parent map implies.
Figures figuresFromParents(const std::map<qint64, qint64>& parents);
// Every row of every ordinary table, as text, sorted per table: equal dumps = equal content.
QStringList dumpAllTables(Database& db);

// A test database with the mutation engine and the genealogy repository.
class GenealogyFixture : public ::testing::Test
{
protected:
    void SetUp() override;

    // distributor.create; returns the id (fails the test if the mutation fails).
    QString create(const QString& name, const QString& sponsorId = {}, const std::optional<QString>& placementId = {});
    Result<Mutation> move(const QString& id, GenealogyTree tree, const QString& newParentId,
                          const QString& reason = QStringLiteral("test"));
    qint64 ridOf(const QString& id);

    TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<GenealogyRepository> repo;
};

} // namespace outpost::test
