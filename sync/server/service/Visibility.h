#pragma once

#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace outpost::server {

// Which rows a user receives on pull. Two layers:
//  - the role's scope per entity: every row (All), the rows whose audience includes the user
//    (Audience), or none (None) — e.g. sales never receives distributors, a conflict is shown to the
//    two users involved;
//  - a row's audience, computed on the server when the row changes: a contact's owner and the users it
//    is shared with (an unowned contact is the team's pool: no audience, everyone in scope sees it).
// The change log keeps, per row, its current audience and everyone who could see an earlier state
// ("seen by"); a user who lost sight of a row (reassigned, unshared) receives a tombstone for it, so
// the row leaves their device. Nobody receives any part of a row outside their scope.
class Visibility
{
public:
    enum class Scope { All, Audience, None };
    static Scope scope(const QString& role, const QString& entity);

    // The users the row is restricted to, or nullopt when it has no restriction.
    static Result<std::optional<QStringList>> audienceOf(QSqlDatabase& db, const QString& entity, const QString& id);

    // Rows whose audience depends on this row's change and must be re-evaluated (and re-sent): a share
    // changes who sees its contact; a contact's new owner changes who sees its shares.
    struct RowRef
    {
        QString entity;
        QString id;
    };
    static Result<QList<RowRef>> dependents(QSqlDatabase& db, const QString& entity, const QString& id,
                                            const QJsonObject& before, const QJsonObject& after);

    // The change log's encoding of a user set: " a b c " (so a user test is one substring search);
    // "*" stands for "everyone in scope".
    static QString encode(const QStringList& users);
    static bool contains(const QString& encoded, const QString& userId);
    static QString merge(const QString& encoded, const QStringList& users);
};

} // namespace outpost::server
