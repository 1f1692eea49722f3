#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// customfield.define@1 { id, entity ("contact"|"company"), key, label, type ("text"|"number"|"date"|"choice"|
//                        "multichoice"), options: [..], required: bool, rules: {min, max, maxLength, regex},
//                        position }
// customfield.update@1 { id, set: { label | options | required | rules | position } }  (entity, key and type
//                        never change: values already stored depend on them)
// customfield.retire@1 { id }  (kept for the values already stored; no longer shown or accepted)
// Only owners and admins may apply them (server permission matrix, area "customfield").
void registerCustomFieldMutators(MutationRegistry& registry);

class CustomFieldValidation
{
    Q_DECLARE_TR_FUNCTIONS(CustomFieldValidation)
};

} // namespace outpost
