#include "timeline/TimelineSources.h"

#include "activities/Activity.h"
#include "leads/LeadScorer.h"
#include "leads/LeadScores.h"
#include "storage/SqlExec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, Timeline::tr("Could not read the timeline: %1").arg(q.lastError().text()));
}

} // namespace

QStringList ActivityTimelineSource::kinds() const
{
    return Activity::kinds();
}

Result<QList<TimelineEntry>> ActivityTimelineSource::fetch(QSqlDatabase& db, const TimelineQuery& query,
                                                        const QStringList& subjects, const TimelineCursor& after,
                                                        int limit) const
{
    QStringList kinds;
    for (const QString& k : Activity::kinds()) {
        if (query.wants(k))
            kinds << k;
    }
    QString sql = QStringLiteral("SELECT id, kind, occurred_at, title, body FROM activities WHERE subject_id IN (%1) "
                                 "AND deleted_at = 0 AND kind IN (%2)")
                      .arg(placeholders(subjects.size()), placeholders(kinds.size()));
    if (!after.isStart())
        sql += QStringLiteral(" AND (occurred_at < ? OR (occurred_at = ? AND 'activity/' || id < ?))");
    sql += QStringLiteral(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QString& s : subjects)
        q.addBindValue(s);
    for (const QString& k : kinds)
        q.addBindValue(k);
    if (!after.isStart()) {
        q.addBindValue(after.at);
        q.addBindValue(after.at);
        q.addBindValue(after.key);
    }
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q);
    QList<TimelineEntry> out;
    while (q.next()) {
        TimelineEntry e;
        e.rowId = q.value(0).toString();
        e.key = QStringLiteral("activity/") + e.rowId;
        e.kind = q.value(1).toString();
        e.at = q.value(2).toLongLong();
        e.title = q.value(3).toString();
        e.body = q.value(4).toString();
        out.append(e);
    }
    return out;
}

Result<QList<TimelineEntry>> ScoreTimelineSource::fetch(QSqlDatabase& db, const TimelineQuery& /*query*/,
                                                        const QStringList& subjects, const TimelineCursor& after,
                                                        int limit) const
{
    // A history entry's key orders by its rid, zero-padded so text order is number order.
    QString sql = QStringLiteral("SELECT rid, at, previous, score, cause, explanation FROM lead_score_history "
                                 "WHERE lead_id IN (%1)")
                      .arg(placeholders(subjects.size()));
    if (!after.isStart())
        sql += QStringLiteral(" AND (at < ? OR (at = ? AND 'score/' || substr('000000000000' || rid, -12) < ?))");
    sql += QStringLiteral(" ORDER BY at DESC, rid DESC LIMIT ?");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QString& s : subjects)
        q.addBindValue(s);
    if (!after.isStart()) {
        q.addBindValue(after.at);
        q.addBindValue(after.at);
        q.addBindValue(after.key);
    }
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q);
    QList<TimelineEntry> out;
    while (q.next()) {
        TimelineEntry e;
        e.kind = QStringLiteral("score");
        e.rowId = q.value(0).toString();
        e.key = QStringLiteral("score/") + e.rowId.rightJustified(12, QLatin1Char('0'));
        e.at = q.value(1).toLongLong();
        const int score = q.value(3).toInt();
        e.title = q.isNull(2) ? tr("Scored %1").arg(score)
                              : tr("Score %1 → %2").arg(q.value(2).toInt()).arg(score);
        QStringList lines{tr("Because: %1").arg(LeadScores::causeLabel(q.value(4).toString()))};
        for (const ScoreLine& l :
             LeadScore::linesFromJson(QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array()))
            lines << LeadScore::describe(l);
        e.body = lines.join(QLatin1Char('\n'));
        out.append(e);
    }
    return out;
}

Result<QList<TimelineEntry>> StageTimelineSource::fetch(QSqlDatabase& db, const TimelineQuery& query,
                                                        const QStringList& /*subjects*/, const TimelineCursor& after,
                                                        int limit) const
{
    QString where;
    if (query.subjectType == QLatin1String("deal"))
        where = QStringLiteral("c.deal_id = ?");
    else if (query.subjectType == QLatin1String("contact"))
        where = QStringLiteral("d.contact_id = ?");
    else if (query.subjectType == QLatin1String("company"))
        where = QStringLiteral("d.company_id = ?");
    else
        return QList<TimelineEntry>();
    QString sql = QStringLiteral("SELECT c.id, c.at, c.from_stage_id, fs.name, ts.name, d.title FROM deal_stage_changes c "
                                 "JOIN deals d ON d.id = c.deal_id "
                                 "LEFT JOIN pipeline_stages fs ON fs.id = c.from_stage_id "
                                 "LEFT JOIN pipeline_stages ts ON ts.id = c.to_stage_id WHERE ")
                  + where;
    if (!after.isStart())
        sql += QStringLiteral(" AND (c.at < ? OR (c.at = ? AND 'stage/' || c.id < ?))");
    sql += QStringLiteral(" ORDER BY c.at DESC, c.id DESC LIMIT ?");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(query.subjectId);
    if (!after.isStart()) {
        q.addBindValue(after.at);
        q.addBindValue(after.at);
        q.addBindValue(after.key);
    }
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q);
    QList<TimelineEntry> out;
    while (q.next()) {
        TimelineEntry e;
        e.kind = QStringLiteral("stage");
        e.rowId = q.value(0).toString();
        e.key = QStringLiteral("stage/") + e.rowId;
        e.at = q.value(1).toLongLong();
        const QString deal = q.value(5).toString();
        const QString to = q.value(4).toString();
        e.title = q.value(2).toString().isEmpty() ? tr("Deal created in %1").arg(to)
                                                  : tr("Deal moved from %1 to %2").arg(q.value(3).toString(), to);
        e.body = deal;
        out.append(e);
    }
    return out;
}

} // namespace outpost
