#include "leads/LeadScorer.h"

#include "activities/Activity.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace outpost {

namespace {
constexpr qint64 kDayMs = 86'400'000;

// Rounds thousandths to whole points, halves away from zero (the same on every platform: integer arithmetic).
int roundMilli(qint64 milli)
{
    return int(milli >= 0 ? (milli + 500) / 1000 : -((-milli + 500) / 1000));
}
} // namespace

QList<ScoreLine> LeadScore::linesFromJson(const QJsonArray& a)
{
    QList<ScoreLine> out;
    for (const QJsonValue& v : a) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QStringLiteral("rule")).toString(), o.value(QStringLiteral("label")).toString(),
                    o.value(QStringLiteral("points")).toInt(), o.value(QStringLiteral("count")).toInt()});
    }
    return out;
}

QString LeadScore::describe(const ScoreLine& line)
{
    const QString points = (line.points > 0 ? QStringLiteral("+") : QString()) + QString::number(line.points);
    if (line.count > 0)
        return LeadScorer::tr("%1 %2 (%3)").arg(points, line.label).arg(line.count);
    return LeadScorer::tr("%1 %2").arg(points, line.label);
}

ScoringModel ScoringModel::from(const QList<ScoringRule>& rules)
{
    ScoringModel m;
    QList<ScoringRule> sorted = rules;
    std::stable_sort(sorted.begin(), sorted.end(), [](const ScoringRule& a, const ScoringRule& b) {
        return a.position != b.position ? a.position < b.position : a.id < b.id;
    });
    for (const ScoringRule& r : sorted) {
        if (!r.enabled)
            continue;
        if (r.kind == QLatin1String("fit"))
            m.fit.append(r);
        else if (r.kind == QLatin1String("behaviour"))
            m.behaviour.append(r);
        else if (r.kind == QLatin1String("threshold") && r.value == QLatin1String("mql"))
            m.mqlAt = r.points;
        else if (r.kind == QLatin1String("threshold") && r.value == QLatin1String("sql"))
            m.sqlAt = r.points;
    }
    return m;
}

qint64 ScoringModel::oldestCountedAt(qint64 nowMs) const
{
    qint64 oldest = nowMs;
    for (const ScoringRule& r : behaviour) {
        if (r.windowDays == 0)
            return 0;
        oldest = std::min(oldest, nowMs - r.windowDays * kDayMs);
    }
    return oldest;
}

qint8 LeadScorer::kindIndex(const QString& kind)
{
    return qint8(Activity::kinds().indexOf(kind));
}

LeadScore LeadScorer::score(const QHash<QString, QString>& fields, const std::vector<ActivityFact>& activities,
                            const ScoringModel& model, qint64 nowMs)
{
    LeadScore s;
    for (const ScoringRule& r : model.fit) {
        const QString v = fields.value(r.field).trimmed();
        bool hit = false;
        if (r.test == QLatin1String("present"))
            hit = !v.isEmpty();
        else if (r.test == QLatin1String("missing"))
            hit = v.isEmpty();
        else if (r.test == QLatin1String("equals"))
            hit = v.compare(r.value, Qt::CaseInsensitive) == 0;
        else if (r.test == QLatin1String("contains"))
            hit = v.contains(r.value, Qt::CaseInsensitive);
        if (hit && r.points != 0)
            s.lines.append({r.id, r.label, r.points, 0});
    }
    for (const ScoringRule& r : model.behaviour) {
        const qint8 kind = r.activityKind.isEmpty() ? qint8(-1) : kindIndex(r.activityKind);
        qint64 milli = 0;
        int count = 0;
        for (const ActivityFact& a : activities) {
            if ((kind >= 0 && a.kind != kind) || a.occurredAt > nowMs)
                continue;
            const qint64 age = nowMs - a.occurredAt;
            if (r.windowDays > 0 && age > r.windowDays * kDayMs)
                continue;
            const double weight = r.halfLifeDays > 0 ? std::exp2(-double(age) / double(r.halfLifeDays * kDayMs)) : 1.0;
            milli += std::llround(double(r.points) * 1000.0 * weight);
            ++count;
        }
        int points = roundMilli(milli);
        if (r.maxPoints > 0)
            points = std::clamp(points, -r.maxPoints, r.maxPoints);
        if (count > 0 && points != 0) {
            s.lines.append({r.id, r.label, points, count});
            s.behaviourPoints += points;
        }
    }
    for (const ScoreLine& l : s.lines)
        s.score += l.points;
    s.stage = s.score >= model.sqlAt ? QStringLiteral("sql")
              : s.score >= model.mqlAt ? QStringLiteral("mql")
                                       : QStringLiteral("new");
    return s;
}

} // namespace outpost
