#pragma once

#include "mutations/Mutator.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace outpost {

class MutationRegistry;

// distributor.create@1 { id, fields: { displayName, contactId?, status?, joinDate?, rankAchieved?,
//                                      paidAsRank?, kycStatus? },
//                        sponsorId: <id> | null, placementId?: <id> | null }
//     A missing or null sponsorId makes a root; a missing placementId means "placed under the sponsor".
//     Parents must exist. Replaying a create whose id exists sets the fields again; parents are left
//     as they are (they change only through moves).
// distributor.update@1 { id, set: { displayName | status | rankAchieved | paidAsRank | kycStatus | contactId } }
// distributor.move@1   { id, tree: "sponsor" | "placement", newParentId: <id> | null, effectiveDate: <UTC ms>,
//                        reason: <text> }
//     Rejected (ErrorCode::Rejected) when the new parent is the node itself or in its subtree. Moving to the
//     parent it already has is a no-op.
void registerGenealogyMutators(MutationRegistry& registry);

// Checks distributor field values; returns a user-readable problem or an empty string.
class GenealogyValidation
{
    Q_DECLARE_TR_FUNCTIONS(GenealogyValidation)
public:
    static QString problemWith(const QString& field, const QJsonValue& value);
};

} // namespace outpost
