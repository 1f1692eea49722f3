#include "leads/LeadScores.h"

#include "activities/Activity.h"
#include "leads/Lead.h"
#include "storage/Database.h"
#include "storage/Transaction.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, LeadScores::tr("Could not update the lead scores: %1").arg(q.lastError().text()));
}


QString effectiveStatus(const QString& status, bool byHand, const QString& stage)
{
    const bool closed = status == QLatin1String("converted") || status == QLatin1String("disqualified");
    return closed || byHand ? status : stage;
}

// A lead as the rescoring reads it, with what is stored for it now.
struct LeadInput
{
    QString id;
    QHash<QString, QString> fields;
    QString status;
    bool byHand = false;
    bool hasScore = false;
    int oldScore = 0;
    QString oldStatus;
    QString oldExplanation;
};

// Writes changed scores and their history with statements prepared once.
class ScoreWriter
{
public:
    ScoreWriter(QSqlDatabase& db, qint64 nowMs, const QString& cause)
        : m_update(db), m_insert(db), m_history(db), m_now(nowMs), m_cause(cause)
    {
        m_update.prepare(QStringLiteral("UPDATE lead_scores SET score = ?, stage = ?, status = ?, behaviour = ?, "
                                        "explanation = ?, scored_at = ? WHERE lead_id = ?"));
        m_insert.prepare(QStringLiteral("INSERT INTO lead_scores(score, stage, status, behaviour, explanation, "
                                        "scored_at, lead_id) VALUES(?,?,?,?,?,?,?)"));
        m_history.prepare(QStringLiteral("INSERT INTO lead_score_history(lead_id, at, previous, score, cause, "
                                         "explanation) VALUES(?,?,?,?,?,?)"));
    }

    // The stored explanation: JSON as LeadScore::linesFromJson reads it, written by hand from a per-rule prefix
    // (a rescore of every lead serialises one per lead; QJsonDocument took a large part of that time).
    QString explanationText(const LeadScore& s)
    {
        QString out(QLatin1Char('['));
        for (const ScoreLine& l : s.lines) {
            if (out.size() > 1)
                out += QLatin1Char(',');
            auto it = m_prefixes.constFind(l.ruleId);
            if (it == m_prefixes.constEnd() || it->first != l.label) {
                const QByteArray label = QJsonDocument(QJsonArray{l.label}).toJson(QJsonDocument::Compact);
                const QByteArray id = QJsonDocument(QJsonArray{l.ruleId}).toJson(QJsonDocument::Compact);
                it = m_prefixes.insert(l.ruleId, {l.label, QStringLiteral("{\"rule\":%1,\"label\":%2,\"points\":")
                                                               .arg(QString::fromUtf8(id.mid(1, id.size() - 2)),
                                                                    QString::fromUtf8(label.mid(1, label.size() - 2)))});
            }
            out += it->second;
            out += QString::number(l.points);
            if (l.count > 0) {
                out += QStringLiteral(",\"count\":");
                out += QString::number(l.count);
            }
            out += QLatin1Char('}');
        }
        out += QLatin1Char(']');
        return out;
    }

    // Returns whether anything changed.
    Result<bool> write(const LeadInput& in, const LeadScore& s)
    {
        const QString status = effectiveStatus(in.status, in.byHand, s.stage);
        const QString explanation = explanationText(s);
        if (in.hasScore && in.oldScore == s.score && in.oldStatus == status && in.oldExplanation == explanation)
            return false;
        QSqlQuery& q = in.hasScore ? m_update : m_insert;
        for (const QVariant& v : {QVariant(s.score), QVariant(s.stage), QVariant(status), QVariant(s.behaviourPoints),
                                  QVariant(explanation), QVariant(m_now), QVariant(in.id)})
            q.addBindValue(v);
        if (!q.exec())
            return dbError(q);
        if (!in.hasScore || in.oldScore != s.score) {
            for (const QVariant& v : {QVariant(in.id), QVariant(m_now),
                                      in.hasScore ? QVariant(in.oldScore) : QVariant(QMetaType(QMetaType::Int)),
                                      QVariant(s.score), QVariant(m_cause), QVariant(explanation)})
                m_history.addBindValue(v);
            if (!m_history.exec())
                return dbError(m_history);
        }
        return true;
    }

private:
    QSqlQuery m_update;
    QSqlQuery m_insert;
    QSqlQuery m_history;
    qint64 m_now;
    QString m_cause;
    QHash<QString, std::pair<QString, QString>> m_prefixes; // rule id -> (label, JSON up to the points)
};

const QString kLeadColumns = QStringLiteral(
    "l.id, l.first_name, l.last_name, l.email, l.phone, l.company, l.job_title, l.country, l.source, l.owner_id, "
    "l.contact_id, l.notes, l.status, l.status_by_hand, s.score, s.status, s.explanation");

LeadInput readLead(const QSqlQuery& q)
{
    LeadInput in;
    in.id = q.value(0).toString();
    int c = 1;
    for (const QString& f : Lead::fieldNames()) {
        const QString v = q.value(c++).toString();
        if (!v.isEmpty())
            in.fields.insert(f, v);
    }
    in.status = q.value(c++).toString();
    in.byHand = q.value(c++).toInt() != 0;
    in.hasScore = !q.isNull(c);
    in.oldScore = q.value(c++).toInt();
    in.oldStatus = q.value(c++).toString();
    in.oldExplanation = q.value(c++).toString();
    return in;
}

Result<ScoringModel> loadModel(QSqlDatabase& db)
{
    auto rules = scoringrulesql::loadAll(db);
    if (!rules)
        return Error(ErrorCode::Database, LeadScores::tr("Could not read the scoring rules: %1").arg(rules.message()));
    return ScoringModel::from(rules.value());
}

Status forget(QSqlDatabase& db, const QString& leadId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM lead_scores WHERE lead_id = ?"));
    q.addBindValue(leadId);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace

QString LeadScores::causeLabel(const QString& cause)
{
    if (cause == QLatin1String(kCauseActivity))
        return tr("activity");
    if (cause == QLatin1String(kCauseLead))
        return tr("lead added or edited");
    if (cause == QLatin1String(kCauseRules))
        return tr("scoring rules changed");
    if (cause == QLatin1String(kCauseTime))
        return tr("time passed");
    return cause;
}

Result<std::optional<LeadScores::Stored>> LeadScores::load(QSqlDatabase& db, const QString& leadId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT score, stage, status, explanation, scored_at FROM lead_scores WHERE lead_id = ?"));
    q.addBindValue(leadId);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<Stored>();
    Stored s;
    s.score = q.value(0).toInt();
    s.stage = q.value(1).toString();
    s.status = q.value(2).toString();
    s.lines = LeadScore::linesFromJson(QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array());
    s.scoredAt = q.value(4).toLongLong();
    return std::optional<Stored>(s);
}

Result<QStringList> LeadScores::leadsOfSubject(QSqlDatabase& db, const QString& subjectType, const QString& subjectId)
{
    if (subjectType == QLatin1String("lead"))
        return QStringList{subjectId};
    if (subjectType != QLatin1String("contact"))
        return QStringList{};
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM leads WHERE contact_id = ?"));
    q.addBindValue(subjectId);
    if (!q.exec())
        return dbError(q);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<QStringList> LeadScores::rescore(QSqlDatabase& db, const QStringList& leadIds, qint64 nowMs,
                                        const QString& cause)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto model = loadModel(db);
    if (!model)
        return model.error();
    ScoreWriter writer(db, nowMs, cause);
    QSqlQuery lead(db);
    lead.setForwardOnly(true);
    lead.prepare(QStringLiteral("SELECT %1 FROM leads l LEFT JOIN lead_scores s ON s.lead_id = l.id WHERE l.id = ?")
                     .arg(kLeadColumns));
    QSqlQuery acts(db);
    acts.setForwardOnly(true);
    acts.prepare(QStringLiteral("SELECT kind, occurred_at FROM activities WHERE subject_id IN (?, ?) "
                                "AND deleted_at = 0 AND subject_type IN ('lead', 'contact')"));
    QStringList changed;
    for (const QString& id : QSet<QString>(leadIds.begin(), leadIds.end())) {
        lead.addBindValue(id);
        if (!lead.exec())
            return dbError(lead);
        if (!lead.next()) {
            if (Status s = forget(db, id); !s)
                return s.error();
            continue;
        }
        const LeadInput in = readLead(lead);
        lead.finish();
        std::vector<ActivityFact> facts;
        if (model->usesActivities()) {
            acts.addBindValue(id);
            acts.addBindValue(in.fields.value(QStringLiteral("contactId"), id));
            if (!acts.exec())
                return dbError(acts);
            while (acts.next())
                facts.push_back({LeadScorer::kindIndex(acts.value(0).toString()), acts.value(1).toLongLong()});
        }
        auto wrote = writer.write(in, LeadScorer::score(in.fields, facts, model.value(), nowMs));
        if (!wrote)
            return wrote.error();
        if (wrote.value())
            changed << id;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    changed.sort();
    return changed;
}

Result<LeadScores::AllResult> LeadScores::rescoreAll(QSqlDatabase& db, qint64 nowMs, const QString& cause,
                                                     const Progress& progress)
{
    constexpr int kChunk = 2000;
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto model = loadModel(db);
    if (!model)
        return model.error();

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM leads")) || !q.next())
        return dbError(q);
    const qint64 total = q.value(0).toLongLong();
    q.finish();

    // Every counted activity of a lead or of a contact, by subject: one read instead of one per lead.
    QHash<QString, std::vector<ActivityFact>> bySubject;
    if (model->usesActivities()) {
        q.prepare(QStringLiteral("SELECT subject_id, kind, occurred_at FROM activities WHERE deleted_at = 0 "
                                 "AND subject_type IN ('lead', 'contact') AND occurred_at >= ? AND occurred_at <= ?"));
        q.addBindValue(model->oldestCountedAt(nowMs));
        q.addBindValue(nowMs);
        if (!q.exec())
            return dbError(q);
        while (q.next())
            bySubject[q.value(0).toString()].push_back(
                {LeadScorer::kindIndex(q.value(1).toString()), q.value(2).toLongLong()});
        q.finish();
    }

    ScoreWriter writer(db, nowMs, cause);
    AllResult result;
    QString after;
    std::vector<ActivityFact> facts;
    q.prepare(QStringLiteral("SELECT %1 FROM leads l LEFT JOIN lead_scores s ON s.lead_id = l.id WHERE l.id > ? "
                             "ORDER BY l.id LIMIT %2")
                  .arg(kLeadColumns)
                  .arg(kChunk));
    for (;;) {
        // A chunk is read to the end before its scores are written (the query reads lead_scores too).
        q.addBindValue(after);
        if (!q.exec())
            return dbError(q);
        std::vector<LeadInput> chunk;
        chunk.reserve(kChunk);
        while (q.next())
            chunk.push_back(readLead(q));
        if (chunk.empty())
            break;
        for (const LeadInput& in : chunk) {
            facts.clear();
            if (auto it = bySubject.constFind(in.id); it != bySubject.constEnd())
                facts = *it;
            const QString contact = in.fields.value(QStringLiteral("contactId"));
            if (!contact.isEmpty()) {
                if (auto it = bySubject.constFind(contact); it != bySubject.constEnd())
                    facts.insert(facts.end(), it->begin(), it->end());
            }
            auto wrote = writer.write(in, LeadScorer::score(in.fields, facts, model.value(), nowMs));
            if (!wrote)
                return wrote.error();
            result.changed += wrote.value() ? 1 : 0;
        }
        result.scanned += qint64(chunk.size());
        after = chunk.back().id;
        if (progress && !progress(result.scanned, total))
            return Error(ErrorCode::Cancelled, tr("Rescoring was cancelled; the scores are as they were."));
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return result;
}

LeadScoreKeeper::LeadScoreKeeper(Database& db, const Clock& clock, QObject* parent)
    : QObject(parent), m_db(db), m_clock(clock)
{
}

void LeadScoreKeeper::apply(const EntityChanges& changes)
{
    QSqlDatabase conn = m_db.connection();
    QStringList leadIds;
    QString cause;
    for (const EntityChange& c : changes) {
        const bool lead = c.entity == QLatin1String("lead");
        const bool activity = c.entity == QLatin1String("activity");
        if (c.entity == QLatin1String("scoring_rule") || ((lead || activity) && c.id.isEmpty())) {
            emit fullRescoreNeeded();
            return;
        }
        if (lead) {
            leadIds << c.id; // a deleted lead loses its score in rescore()
            cause = QLatin1String(LeadScores::kCauseLead);
        } else if (activity) {
            auto a = activitysql::load(conn, c.id);
            if (!a) {
                emit failed(a.message());
                return;
            }
            if (!a->has_value())
                continue; // removed for good (not by activity.delete): its subject is unknown here
            auto leads = LeadScores::leadsOfSubject(conn, a->value().activity.subjectType, a->value().activity.subjectId);
            if (!leads) {
                emit failed(leads.message());
                return;
            }
            leadIds << leads.value();
            if (cause.isEmpty())
                cause = QLatin1String(LeadScores::kCauseActivity);
        }
    }
    if (leadIds.isEmpty())
        return;
    auto changed = LeadScores::rescore(conn, leadIds, m_clock.nowMs(), cause);
    if (!changed) {
        emit failed(changed.message());
        return;
    }
    if (!changed->isEmpty())
        emit scoresChanged(changed.value());
}

} // namespace outpost
