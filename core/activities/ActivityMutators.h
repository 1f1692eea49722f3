#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// activity.log@1    { id, kind ("call"|"meeting"|"email"|"note"), subjectType ("contact"|"company"|"deal"|"lead"),
//                     subjectId, occurredAt (UTC ms), title, body }   — create with a given id (a replay sets it again)
// activity.update@1 { id, set: { kind?, occurredAt?, title?, body? } } — the subject does not change
// activity.delete@1 { id } — keeps the row with its kind, subject and time and clears its title and text, so
//                     whatever depends on a subject's history (lead scores, the timeline) can tell which subject
//                     lost an activity, on this device and on every device the deletion reaches through sync.
//                     Nothing the user wrote stays. A deleted activity cannot be edited or logged again.
void registerActivityMutators(MutationRegistry& registry);

} // namespace outpost
