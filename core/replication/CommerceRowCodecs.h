#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Row codecs of products, orders (with their lines), returns, commission plans, commission periods and payout
// batches. Local integer row ids (distributor, order) travel as the rows' UUIDs. The ledger, results and
// payout items are derived: every replica computes them by applying the same period and payout mutations
// (the engine is deterministic; a period row carries its result digest to compare).
class CommerceRowCodecs
{
    Q_DECLARE_TR_FUNCTIONS(CommerceRowCodecs)
public:
    static void addTo(RowCodecRegistry& registry);
};

} // namespace outpost
