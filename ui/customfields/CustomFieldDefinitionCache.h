#pragma once

#include "customfields/CustomField.h"
#include "mutations/Mutation.h"

#include <optional>

namespace outpost {

class Database;

// The custom field definitions of one entity (contact, company) as a page shows them beside every selected
// record: read once, and again only after a custom field changed (a mutation or a sync announcing
// "customfield"), instead of at every selection change.
class CustomFieldDefinitionCache
{
public:
    CustomFieldDefinitionCache(Database& database, QString entity);

    // The definitions, read now when not yet read or changed since. A failed read is not kept.
    Result<QList<CustomField>> definitions();
    // Forgets the definitions when `changes` touch custom fields; returns whether it did.
    bool onEntitiesChanged(const EntityChanges& changes);

private:
    Database& m_database;
    QString m_entity;
    std::optional<QList<CustomField>> m_definitions;
};

} // namespace outpost
