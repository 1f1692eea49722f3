#include "replication/RowCodec.h"

#include "replication/ActivityRowCodec.h"
#include "replication/CompanyRowCodec.h"
#include "replication/CommerceRowCodecs.h"
#include "replication/ConflictRowCodec.h"
#include "replication/ConsentRowCodec.h"
#include "replication/ContactRowCodec.h"
#include "replication/ContactShareRowCodec.h"
#include "replication/DistributorRowCodec.h"
#include "replication/LeadRowCodec.h"
#include "replication/ErasureRowCodec.h"
#include "replication/SegmentRowCodec.h"
#include "replication/TableRowCodec.h"

namespace outpost {

QJsonObject SnapshotBlock::rowObject(qsizetype i) const
{
    const QJsonArray& values = rows.at(i);
    QJsonObject o;
    for (qsizetype c = 0; c < columns.size(); ++c)
        o.insert(columns.at(c), values.at(c + 1));
    return o;
}

void appendSnapshotRow(QList<SnapshotBlock>& blocks, const QString& entity, const QString& id, const QJsonObject& row)
{
    const QStringList columns = row.keys();
    if (blocks.isEmpty() || blocks.last().entity != entity || blocks.last().columns != columns)
        blocks.append(SnapshotBlock{entity, columns, {}, {}});
    SnapshotBlock& b = blocks.last();
    QJsonArray values{id};
    for (const QString& c : columns)
        values.append(row.value(c));
    b.rows.append(values);
}

Status RowCodec::readSnapshot(QSqlDatabase& db, const QStringList& ids, QList<SnapshotBlock>* blocks) const
{
    for (const QString& id : ids) {
        auto row = read(db, id);
        if (!row)
            return row.error();
        if (row->has_value())
            appendSnapshotRow(*blocks, entity(), id, **row);
    }
    return {};
}

void RowCodec::prepareBulk(SnapshotBlock&) const
{
}

Status RowCodec::bulkBegin(QSqlDatabase&) const
{
    return {};
}

Status RowCodec::bulkResume(QSqlDatabase&) const
{
    return {};
}

Status RowCodec::bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const
{
    for (qsizetype i = 0; i < block.rows.size(); ++i) {
        if (Status s = write(db, block.rows.at(i).at(0).toString(), block.rowObject(i)); !s)
            return s;
    }
    return {};
}

Result<bool> RowCodec::bulkEnd(QSqlDatabase&, int) const
{
    return false;
}

void RowCodecRegistry::add(std::unique_ptr<RowCodec> codec)
{
    const QString entity = codec->entity();
    m_codecs.insert(entity, std::shared_ptr<RowCodec>(std::move(codec)));
}

const RowCodec* RowCodecRegistry::find(const QString& entity) const
{
    auto it = m_codecs.constFind(entity);
    return it == m_codecs.constEnd() ? nullptr : it->get();
}

QStringList RowCodecRegistry::entities() const
{
    QStringList out = m_codecs.keys();
    out.sort();
    return out;
}

const RowCodecRegistry& RowCodecRegistry::standard()
{
    static const RowCodecRegistry registry = [] {
        RowCodecRegistry r;
        r.add(std::make_unique<ContactRowCodec>());
        r.add(std::make_unique<ConflictRowCodec>());
        r.add(std::make_unique<ContactShareRowCodec>());
        r.add(std::make_unique<DistributorRowCodec>());
        r.add(std::make_unique<ActivityRowCodec>());
        r.add(std::make_unique<LeadRowCodec>());
        r.add(std::make_unique<ScoringRuleRowCodec>());
        r.add(std::make_unique<ConsentRowCodec>());
        r.add(std::make_unique<ErasureRowCodec>());
        r.add(std::make_unique<SegmentRowCodec>());
        for (auto& codec : TableRowCodec::pipelineAndTaskCodecs())
            r.add(std::move(codec));
        r.add(std::make_unique<CompanyRowCodec>());
        r.add(std::make_unique<CustomFieldRowCodec>());
        CommerceRowCodecs::addTo(r);
        return r;
    }();
    return registry;
}

} // namespace outpost
