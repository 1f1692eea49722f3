#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace outpost {

class MutationRegistry;

// A saved filter, shared with the team.
struct Segment
{
    QString id;
    QString name;
    QJsonObject definition; // SegmentFilter JSON
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
};

// segment.save@1   { id, name, definition }   create or replace (replay-safe); the definition must compile
// segment.delete@1 { id }                      deleting twice has no second effect
void registerSegmentMutators(MutationRegistry& registry);

class Segments
{
    Q_DECLARE_TR_FUNCTIONS(Segments)
public:
    static Result<QList<Segment>> list(QSqlDatabase& db); // by name
    static Result<std::optional<Segment>> find(QSqlDatabase& db, const QString& id);
    static Status write(QSqlDatabase& db, const Segment& s);
    static Status remove(QSqlDatabase& db, const QString& id);
};

} // namespace outpost
