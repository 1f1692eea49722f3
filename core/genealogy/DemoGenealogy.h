#pragma once

#include "genealogy/GenealogyBulkLoader.h"

#include <QList>

namespace outpost {

// Deterministic generator of demo distributor trees with the shapes real organisations have: one root
// (the company), a few very wide "hub" leaders who enrol a large share of everyone (over 1,000 direct
// recruits at 20,000 distributors), a few long thin legs (chains of one recruit after another, past depth
// 100 from a few thousand distributors on), a bushy rest where recent joiners recruit most, spill-over
// placements under a sponsor's earlier recruit, and about a quarter inactive.
//
// generate(n) is a pure function of (seed, n): the same seed and count give the same people (names from
// DemoDataGenerator), ids, parents, statuses and ranks. Parents always come before their children.
class DemoGenealogy
{
public:
    explicit DemoGenealogy(quint64 seed) : m_seed(seed) {}

    QList<NewDistributor> generate(int count) const;

    static const QStringList& rankLadder(); // lowest first

private:
    quint64 m_seed;
};

} // namespace outpost
