#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// Sharing a contact with a colleague: the owner's private contact becomes visible to that user on
// their devices (the server's visibility rules read the shares). A share is its own synced record, so
// who shared what with whom, and when, is audited like any other change.
//
// contact.share@1   { id, contactId, userId }   id = the share's UUIDv7; replay-safe
// contact.unshare@1 { id }                       removing a share twice has no second effect
void registerContactShareMutators(MutationRegistry& registry);

class ContactShareValidation
{
    Q_DECLARE_TR_FUNCTIONS(ContactShareValidation)
};

} // namespace outpost
