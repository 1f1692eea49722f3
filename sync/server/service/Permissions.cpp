#include "service/Permissions.h"

#include <QHash>
#include <QSet>

namespace outpost::server {

namespace {
// Mutation areas (the part before the dot) each role may change.
const QHash<QString, QSet<QString>>& areasByRole()
{
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("owner"), {QStringLiteral("contact"), QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("admin"), {QStringLiteral("contact"), QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("manager"), {QStringLiteral("contact"), QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("sales"), {QStringLiteral("contact"), QStringLiteral("conflict")}},
        {QStringLiteral("support"), {QStringLiteral("contact"), QStringLiteral("conflict")}},
        {QStringLiteral("finance"), {QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("compliance"), {QStringLiteral("conflict")}},
    };
    return map;
}
} // namespace

const QStringList& Permissions::roles()
{
    static const QStringList list = {QStringLiteral("owner"),   QStringLiteral("admin"),   QStringLiteral("manager"),
                                     QStringLiteral("sales"),   QStringLiteral("support"), QStringLiteral("finance"),
                                     QStringLiteral("compliance")};
    return list;
}

bool Permissions::isRole(const QString& role)
{
    return roles().contains(role);
}

bool Permissions::mayApply(const QString& role, const QString& mutationName)
{
    const QString area = mutationName.section(QLatin1Char('.'), 0, 0);
    return areasByRole().value(role).contains(area);
}

bool Permissions::mayAdminister(const QString& role)
{
    return role == QLatin1String("owner") || role == QLatin1String("admin");
}

} // namespace outpost::server
