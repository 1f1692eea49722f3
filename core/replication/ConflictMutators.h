#pragma once

#include "mutations/Mutator.h"

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// conflict.resolve@1 { id, action: "restore" | "dismiss" }
//  - restore: writes the value the conflict replaced ("theirs") back to the record's field through the
//    entity's own update mutator ("<entity>.update" with { id, set: { field: value } }), so it is checked
//    and stored exactly like a hand edit, then marks the conflict resolved;
//  - dismiss: keeps the current value and marks the conflict resolved.
// Replay-safe: a conflict already resolved is left alone (no second restore over a newer edit).
void registerConflictMutators(MutationRegistry& registry);

class ConflictMutators
{
    Q_DECLARE_TR_FUNCTIONS(ConflictMutators)
public:
    static constexpr const char* kResolve = "conflict.resolve";
};

} // namespace outpost
