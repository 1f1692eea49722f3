#pragma once

#include "util/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace outpost {

// One row's settled state as the server has it (deleted = it does not exist there).
struct RowState
{
    QString entity;
    QString id;
    bool deleted = false;
    QJsonObject row;
};

// How one synced entity's row travels: read as JSON on the server (what pull sends), written on the
// client from that JSON (what pull applies). Mutators make changes; codecs only copy settled state, so
// they do not validate business rules, audit or queue anything.
class RowCodec
{
public:
    virtual ~RowCodec() = default;
    virtual QString entity() const = 0;
    // The row as JSON, or nothing when it does not exist.
    virtual Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const = 0;
    // Makes the local row equal `row` (insert or update). Called inside the caller's transaction.
    virtual Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const = 0;
    virtual Status remove(QSqlDatabase& db, const QString& id) const = 0;
};

class RowCodecRegistry
{
public:
    void add(std::unique_ptr<RowCodec> codec);
    const RowCodec* find(const QString& entity) const;
    QStringList entities() const;

    // Every entity Outpost syncs.
    static const RowCodecRegistry& standard();

private:
    QHash<QString, std::shared_ptr<RowCodec>> m_codecs;
};

} // namespace outpost
