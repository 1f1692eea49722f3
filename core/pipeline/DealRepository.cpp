#include "pipeline/DealRepository.h"

#include "pipeline/PipelineSql.h"
#include "storage/Database.h"
#include "storage/SqlExec.h"

#include <QDateTime>
#include <QMap>
#include <QSqlQuery>

namespace outpost {

using pipelinesql::Messages;

Result<QList<Pipeline>> DealRepository::pipelines()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, position FROM pipelines ORDER BY position, name, id")))
        return Messages::database(q);
    QList<Pipeline> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()});
    return out;
}

Result<QList<PipelineStage>> DealRepository::stages(const QString& pipelineId)
{
    QSqlDatabase db = m_db.connection();
    return pipelinesql::stagesOf(db, pipelineId);
}

Result<std::optional<Deal>> DealRepository::find(const QString& id)
{
    QSqlDatabase db = m_db.connection();
    return pipelinesql::loadDeal(db, id);
}

Result<QList<DealRepository::Card>> DealRepository::dealsInStage(const QString& stageId, qint64 afterRid, int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT rid, %1 FROM deals WHERE stage_id = ? AND rid > ? ORDER BY rid LIMIT ?")
                       .arg(pipelinesql::dealColumns()),
                   {stageId, afterRid, limit}))
        return Messages::database(q);
    QList<Card> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), pipelinesql::readDeal(q, 1)});
    return out;
}

Result<DealRepository::StageTotals> DealRepository::stageTotals(const QString& stageId)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT currency, count(*), sum(amount_minor) FROM deals WHERE stage_id = ? "
                                  "GROUP BY currency ORDER BY currency"),
                   {stageId}))
        return Messages::database(q);
    StageTotals out;
    while (q.next()) {
        out.count += q.value(1).toLongLong();
        out.byCurrency.append({q.value(0).toString(), q.value(2).toLongLong()});
    }
    return out;
}

namespace {

// WHERE clause and its values for a list query.
QString listWhere(const DealRepository::ListQuery& query, QVariantList* values)
{
    QStringList terms;
    if (!query.pipelineId.isEmpty()) {
        terms << QStringLiteral("d.pipeline_id = ?");
        values->append(query.pipelineId);
    }
    if (!query.text.trimmed().isEmpty()) {
        terms << QStringLiteral("d.title LIKE ? ESCAPE '\\'");
        values->append(QString(QLatin1Char('%') + likeLiteral(query.text.trimmed()) + QLatin1Char('%')));
    }
    switch (query.status) {
    case DealRepository::ListQuery::Status::Any:
        break;
    case DealRepository::ListQuery::Status::Open:
        terms << QStringLiteral("s.kind = 'open'");
        break;
    case DealRepository::ListQuery::Status::Won:
        terms << QStringLiteral("s.kind = 'won'");
        break;
    case DealRepository::ListQuery::Status::Lost:
        terms << QStringLiteral("s.kind = 'lost'");
        break;
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

QString orderBy(const DealRepository::ListQuery& query)
{
    const QString dir = query.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString key;
    switch (query.sort) {
    case DealRepository::SortKey::Title:
        key = QStringLiteral("d.title COLLATE NOCASE");
        break;
    case DealRepository::SortKey::Stage:
        key = QStringLiteral("s.position");
        break;
    case DealRepository::SortKey::Amount:
        key = QStringLiteral("d.currency") + dir + QStringLiteral(", d.amount_minor");
        break;
    case DealRepository::SortKey::CloseDate:
        // Deals without a date last in either direction.
        key = QStringLiteral("d.expected_close_at IS NULL ASC, d.expected_close_at");
        break;
    case DealRepository::SortKey::Owner:
        key = QStringLiteral("d.owner_id");
        break;
    case DealRepository::SortKey::Updated:
        key = QStringLiteral("d.updated_at");
        break;
    }
    return QStringLiteral(" ORDER BY %1%2, d.rid%2").arg(key, dir);
}

} // namespace

Result<QList<DealRepository::ListRow>> DealRepository::listDeals(const ListQuery& query, int offset, int limit)
{
    QVariantList values;
    const QString where = listWhere(query, &values);
    values << limit << offset;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT s.name, s.probability, s.kind, %1 FROM deals d "
                                  "LEFT JOIN pipeline_stages s ON s.id = d.stage_id%2%3 LIMIT ? OFFSET ?")
                       .arg(pipelinesql::dealColumns(QStringLiteral("d.")), where, orderBy(query)),
                   values))
        return Messages::database(q);
    QList<ListRow> out;
    while (q.next()) {
        ListRow row;
        row.stageName = q.value(0).toString();
        row.probability = q.value(1).toInt();
        row.kind = PipelineStage::kindFromName(q.value(2).toString()).value_or(PipelineStage::Kind::Open);
        row.deal = pipelinesql::readDeal(q, 3);
        out.append(std::move(row));
    }
    return out;
}

Result<qint64> DealRepository::countDeals(const ListQuery& query)
{
    QVariantList values;
    const QString where = listWhere(query, &values);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT count(*) FROM deals d LEFT JOIN pipeline_stages s ON s.id = d.stage_id%1").arg(where),
                   values)
        || !q.next())
        return Messages::database(q);
    return q.value(0).toLongLong();
}

Result<QList<DealRepository::ForecastRow>> DealRepository::forecast(const QString& pipelineId, const QTimeZone& zone)
{
    // Grouped by close time and currency in SQL (one row per distinct close time), months in C++: a month's
    // bounds depend on the time zone and its daylight saving rules, which SQLite does not know.
    QVariantList values;
    QString sql = QStringLiteral("SELECT d.expected_close_at, d.currency, count(*), sum(d.amount_minor), "
                                 "sum(d.amount_minor * s.probability) FROM deals d "
                                 "JOIN pipeline_stages s ON s.id = d.stage_id WHERE s.kind = 'open'");
    if (!pipelineId.isEmpty()) {
        sql += QStringLiteral(" AND d.pipeline_id = ?");
        values << pipelineId;
    }
    sql += QStringLiteral(" GROUP BY d.expected_close_at, d.currency");
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q, sql, values))
        return Messages::database(q);
    struct Sum
    {
        qint64 deals = 0, amount = 0, weightedTimes100 = 0;
    };
    QMap<std::pair<QDate, QString>, Sum> sums; // invalid QDate (no close date) sorts first
    while (q.next()) {
        QDate month;
        if (!q.value(0).isNull()) {
            const QDate day = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), zone).date();
            month = QDate(day.year(), day.month(), 1);
        }
        Sum& s = sums[{month, q.value(1).toString()}];
        s.deals += q.value(2).toLongLong();
        s.amount += q.value(3).toLongLong();
        s.weightedTimes100 += q.value(4).toLongLong();
    }
    QList<ForecastRow> out;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        ForecastRow row{it.key().first, it.key().second, it->deals, it->amount, (it->weightedTimes100 + 50) / 100};
        if (row.month.isValid())
            out.append(row);
    }
    // Deals without a close date after the dated months.
    for (auto it = sums.cbegin(); it != sums.cend() && !it.key().first.isValid(); ++it)
        out.append({QDate(), it.key().second, it->deals, it->amount, (it->weightedTimes100 + 50) / 100});
    return out;
}

Result<QList<DealRepository::StageChangeRow>> DealRepository::stageHistory(const QString& dealId, int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT c.id, c.from_stage_id, c.to_stage_id, c.at, c.by_user, f.name, t.name "
                                  "FROM deal_stage_changes c LEFT JOIN pipeline_stages f ON f.id = c.from_stage_id "
                                  "LEFT JOIN pipeline_stages t ON t.id = c.to_stage_id "
                                  "WHERE c.deal_id = ? ORDER BY c.at DESC, c.id DESC LIMIT ?"),
                   {dealId, limit}))
        return Messages::database(q);
    QList<StageChangeRow> out;
    while (q.next()) {
        StageChangeRow row;
        row.change = {q.value(0).toString(), dealId, q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toLongLong(), q.value(4).toString()};
        row.fromStageName = q.value(5).toString();
        row.toStageName = q.value(6).toString();
        out.append(std::move(row));
    }
    return out;
}

} // namespace outpost
