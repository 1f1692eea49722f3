#pragma once

#include "util/Result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

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

// Rows of one entity in a bootstrap snapshot page, compact: the column names once, then one array per
// row whose first value is the row's id and the others follow `columns`.
struct SnapshotBlock
{
    QString entity;
    QStringList columns;
    QList<QJsonArray> rows;
    // Statement values per row that RowCodec::prepareBulk() computed ahead of the write (empty: none).
    QList<QVariantList> prepared;

    // Row i as the JSON object read()/write() use (without the id).
    QJsonObject rowObject(qsizetype i) const;
};

// Appends one row to a snapshot page's blocks: to the last block when it is of the same entity with the
// same columns (`row`'s keys), else to a new block.
void appendSnapshotRow(QList<SnapshotBlock>& blocks, const QString& entity, const QString& id, const QJsonObject& row);

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

    // The server's side of a bootstrap snapshot page: the rows `ids` (of this entity, in the change log's
    // order) appended to `blocks`; an id without a row is skipped. Default: read() each. An entity with
    // many rows overrides it with a few statements per page.
    virtual Status readSnapshot(QSqlDatabase& db, const QStringList& ids, QList<SnapshotBlock>* blocks) const;

    // Bootstrap of a table that was empty when it began: the snapshot's rows of this entity are all new.
    // An entity with a faster way to load many rows overrides these: bulkBegin (e.g. drop secondary
    // indexes), bulkInsert per page, bulkEnd (rebuild them); each is called in its own transaction,
    // possibly after a restart, so bulkBegin's and every bulkEnd step's effect must be safe to find
    // already done. bulkEnd runs in steps 0, 1, ... while it answers true (more to do), each step in its
    // own transaction, so a local edit made meanwhile waits for one step at most.
    // A bootstrap stopped half-way runs every bulkEnd step (the profile must work as usual meanwhile); when
    // it resumes, bulkBegin drops the indexes again, or, when little is still to come compared with what is
    // there, bulkResume keeps them and readies only what bulkInsert itself relies on (default: nothing).
    // prepareBulk may compute what bulkInsert will bind (into block.prepared) on any thread, without
    // the database, so the writer's thread does less; bulkInsert computes it itself when it is missing.
    virtual void prepareBulk(SnapshotBlock& block) const;
    virtual Status bulkBegin(QSqlDatabase& db) const;
    virtual Status bulkResume(QSqlDatabase& db) const;
    virtual Status bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const; // default: write() each
    virtual Result<bool> bulkEnd(QSqlDatabase& db, int step) const;                 // default: nothing to do
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
