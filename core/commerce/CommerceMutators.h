#pragma once

#include "mutations/Mutator.h"

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// product.create@1 { id, sku, name, priceMinor, currency, pv, cvMinor, active? (default true) }
//     Replaying a create whose id exists sets the fields again.
// product.update@1 { id, set: { sku | name | priceMinor | currency | pv | cvMinor | active } }
// order.place@1    { id, distributorId, customerName? (a retail customer's order attributed to the
//                    distributor), orderDate (UTC ms), lines: [ { productId, quantity } ] }
//     Prices, PV and CV are copied from the products (which must be active and share one currency).
//     Rejected when the date falls in a locked or committed commission period. Orders never change
//     afterwards: a replay of an existing id has no effect.
// order.return@1   { id, orderId, returnDate (UTC ms), reason?, lines: [ { line (1-based), quantity } ] }
//     Partial quantities; at most what is still unreturned per line; not dated before the order nor in a
//     locked or committed period. Replay of an existing id has no effect.
void registerCommerceMutators(MutationRegistry& registry);

class CommerceValidation
{
    Q_DECLARE_TR_FUNCTIONS(CommerceValidation)
};

} // namespace outpost
