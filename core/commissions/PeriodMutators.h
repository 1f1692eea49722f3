#pragma once

#include "mutations/Mutator.h"

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// The commission plan and period life cycle, as mutations (finance, owner and admin run them):
//
// plan.update@1      { id, name, plan: <CommissionPlan JSON object> } creates or replaces a plan. The plan is
//                    validated first (the error names the bad field); rejected while a locked or committed
//                    period runs under it.
// period.open@1      { id, name, startsAt, endsAt (UTC ms, end exclusive), planId } — periods never overlap.
// period.calculate@1 { id, planId? } runs the period (open or calculated) and replaces its draft ledger;
//                    planId switches the period to another plan first (a what-if). State → calculated.
//                    On the client, CommissionRunner runs it on a worker thread with progress and cancel.
// period.lock@1      { id } — calculated → locked; refused when anything the last run read (orders,
//                    returns, genealogy, plan) has changed since: calculate again first.
// period.commit@1    { id } — locked → committed: the ledger is final, paid-as ranks and ranks achieved are
//                    written to the distributors, and nothing dated in the period can change any more.
// payout.create@1    { id, periodId, minimum (minor units) } — the payout batch of a committed period (one
//                    per period): each distributor's earnings plus their carried balance are payable when
//                    KYC is approved and the sum reaches the minimum; otherwise carried (below the minimum,
//                    or negative) or held (KYC not approved) into the next batch.
// All are replay-safe: repeating one on a state that already has its effect changes nothing.
void registerCommissionMutators(MutationRegistry& registry);

class CommissionValidation
{
    Q_DECLARE_TR_FUNCTIONS(CommissionValidation)
};

} // namespace outpost
