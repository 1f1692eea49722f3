#pragma once

namespace outpost {

class MutationRegistry;

// lead.create@1     { id, fields: { firstName, lastName, email, phone, company, jobTitle, country, source, ownerId,
//                                   contactId, notes } }           — create with a given id (a replay sets it again)
// lead.update@1     { id, set: { <field>: <value>, … } }
// lead.qualify@1    { id, status: "mql" | "sql" | "auto" }        — by hand; "auto" lets the score decide again;
//                                                                  re-opens a disqualified lead
// lead.disqualify@1 { id, reason }
// lead.convert@1    { id, contactId, company?: { id, name }, deal?: { id, title, pipelineId, stageId, amountMinor,
//                     currency, expectedCloseAt? } }
//   Creates the contact from the lead (contact.create@1; a lead already linked to a contact keeps it), and the
//   company and the deal when asked, through company.create@1 and deal.create@1 so each row is audited and
//   synced as its own entity. A delegate that is not registered is a clear error before anything is written.
// scoring_rule.set@1    { id, kind, label, field, test, value, activityKind, points, halfLifeDays, windowDays,
//                         maxPoints, enabled, position }          — create or replace (see ScoringRule.h)
// scoring_rule.delete@1 { id }
void registerLeadMutators(MutationRegistry& registry);

} // namespace outpost
