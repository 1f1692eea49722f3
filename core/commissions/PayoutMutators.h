#pragma once

#include "mutations/Mutator.h"

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// payout.create@1 { id, periodId, minimum } — see PeriodMutators.h.
void registerPayoutMutators(MutationRegistry& registry);

class PayoutValidation
{
    Q_DECLARE_TR_FUNCTIONS(PayoutValidation)
};

} // namespace outpost
