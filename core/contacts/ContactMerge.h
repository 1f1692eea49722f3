#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// Merging two contacts that are the same person, and taking a merge back. Both are single mutations, so
// the client and the server apply the whole change atomically, and both sync and are audited.
//
// contact.merge@1 { keepId, removeId, set: { <field>: <value>, "custom.<key>": <value>, … } }
//   Keeps `keepId` and sets the picked values (custom values too) on it (through contact.update), moves what refers to
//   `removeId` to it — its shares (a share with a user the kept contact is already shared with is removed
//   through contact.unshare instead) and the distributors linked to it (through distributor.update) — and
//   deletes `removeId` (through contact.delete). Every row change is recorded with its before/after like
//   the delegated mutators record it. Replay-safe: when `removeId` is already gone, the values are set
//   again and anything still referring to it is moved; nothing else happens.
//
// contact.unmerge@1 { keepId, removeId,
//                     keep: { <every field>, "custom.<key>": … },  the kept contact before the merge (a custom
//                                                                  value it did not have: null)
//                     removed: { fields: { <every field>, "custom.<key>": … }, createdAt },
//                     shares: [ { id, userId, createdAt, moved } ], the removed contact's shares: moved to
//                                                                  the kept contact, or removed (moved=false)
//                     distributorIds: [ … ] }                      distributors whose link was moved
//   Re-creates the removed contact with its id, fields and creation time (through contact.create), sets the
//   kept contact back (through contact.update), moves the shares back (or re-creates the removed ones with
//   their ids) and links the distributors to the re-created contact again. Replay-safe: what is already back
//   is left alone; a share or distributor that someone has since moved elsewhere is not taken back.
//
// Whether an undo is still exact (nothing edited since) is decided by the device's merge history before it
// sends contact.unmerge (core/duplicates/MergeHistory).
void registerContactMergeMutators(MutationRegistry& registry);

class ContactMergeValidation
{
    Q_DECLARE_TR_FUNCTIONS(ContactMergeValidation)
public:
    static constexpr const char* kMerge = "contact.merge";
    static constexpr const char* kUnmerge = "contact.unmerge";
};

} // namespace outpost
