#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// Deals (entity "deal") and their stage history (entity "deal_stage_change": one row per move, whose id is the
// id of the mutation that made it, so a replay finds it and adds nothing):
// deal.create@1 { id, title, pipelineId, stageId, amountMinor, currency, expectedCloseAt (UTC ms, optional),
//                 ownerId (default: the actor), contactId (optional), companyId (optional) }  in an open stage
// deal.update@1 { id, set: { title?, amountMinor?, currency?, expectedCloseAt? (null clears), ownerId?,
//                 contactId?, companyId? } }
// deal.move@1   { id, stageId }  to an open stage of any pipeline (a won or lost deal is reopened)
// deal.win@1    { id, reason?, stageId? }  to a won stage (default: the deal's pipeline's first)
// deal.lose@1   { id, reason, stageId? }   to a lost stage (default: the deal's pipeline's first)
// deal.delete@1 { id }  with its stage history
void registerDealMutators(MutationRegistry& registry);

class DealValidation
{
    Q_DECLARE_TR_FUNCTIONS(DealValidation)
};

} // namespace outpost
