#include "customfields/CustomFieldDefinitionCache.h"

#include "storage/Database.h"

#include <algorithm>

namespace outpost {

CustomFieldDefinitionCache::CustomFieldDefinitionCache(Database& database, QString entity)
    : m_database(database)
    , m_entity(std::move(entity))
{
}

Result<QList<CustomField>> CustomFieldDefinitionCache::definitions()
{
    if (m_definitions)
        return *m_definitions;
    QSqlDatabase conn = m_database.connection();
    auto read = CustomFields::definitions(conn, m_entity);
    if (read)
        m_definitions = read.value();
    return read;
}

bool CustomFieldDefinitionCache::onEntitiesChanged(const EntityChanges& changes)
{
    const bool touched = std::any_of(changes.cbegin(), changes.cend(), [](const EntityChange& c) {
        return c.entity == QLatin1String("customfield");
    });
    if (touched)
        m_definitions.reset();
    return touched;
}

} // namespace outpost
