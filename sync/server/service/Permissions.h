#pragma once

#include <QString>
#include <QStringList>

namespace outpost::server {

// The roles of a team and what each may change. Checked for every pushed mutation before it runs.
class Permissions
{
public:
    static const QStringList& roles(); // owner, admin, manager, sales, support, finance, compliance
    static bool isRole(const QString& role);
    // May `role` apply the mutation `name` (e.g. "contact.update")?
    static bool mayApply(const QString& role, const QString& mutationName);
    // May `role` administer users and devices of the team?
    static bool mayAdminister(const QString& role);
};

} // namespace outpost::server
