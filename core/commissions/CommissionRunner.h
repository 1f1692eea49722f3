#pragma once

#include "commissions/CommissionStore.h"
#include "mutations/Mutation.h"

namespace outpost {
class MutationEngine;
}

namespace outpost::commissions {

// Runs the long period steps (period.calculate, period.lock: both read the whole period) as mutations with
// progress and cancel. Blocking: call it from a worker thread (the UI uses QtConcurrent and releases the
// worker's connection after). A cancel rolls the mutation back: nothing is written.
class CommissionRunner
{
public:
    // planId empty: the period's own plan; otherwise a what-if under that plan (it becomes the period's plan).
    static Result<Mutation> calculate(MutationEngine& engine, const QString& periodId, const QString& planId,
                                      const RunControl& control);
    static Result<Mutation> lock(MutationEngine& engine, const QString& periodId, const RunControl& control);
};

} // namespace outpost::commissions
