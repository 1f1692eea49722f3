#pragma once

#include "leads/ScoringRule.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <vector>

namespace outpost {

// One line of a score's explanation: the points one rule gave and why. The lines add up to the score.
struct ScoreLine
{
    QString ruleId;
    QString label;
    int points = 0;
    int count = 0; // behaviour: the activities that counted; 0 for profile rules

    bool operator==(const ScoreLine&) const = default;
};

struct LeadScore
{
    int score = 0;
    QString stage = QStringLiteral("new"); // new | mql | sql from the thresholds
    QList<ScoreLine> lines;                // in rule order; rules that gave 0 points have no line
    int behaviourPoints = 0;               // the part of the score from activities

    // The stored form: [{rule, label, points, count?}] (written by LeadScores).
    static QList<ScoreLine> linesFromJson(const QJsonArray& a);
    // "+20 E-mails this week (3)"
    static QString describe(const ScoreLine& line);
};

// The scoring rules in force, ready to apply (enabled rules in order; thresholds resolved).
struct ScoringModel
{
    QList<ScoringRule> fit;
    QList<ScoringRule> behaviour;
    int mqlAt = ScoringRule::kDefaultMql;
    int sqlAt = ScoringRule::kDefaultSql;

    static ScoringModel from(const QList<ScoringRule>& rules);
    bool usesActivities() const { return !behaviour.isEmpty(); }
    // The oldest activity time any behaviour rule can count at `now` (0: all of them).
    qint64 oldestCountedAt(qint64 nowMs) const;
};

// One activity as the scorer sees it.
struct ActivityFact
{
    qint8 kind = 0; // index into Activity::kinds()
    qint64 occurredAt = 0;
};

// The score of one lead. Pure and deterministic: the same profile, activities, rules and `now` give the same
// score and explanation on every device and on the server (the clock is the caller's). Activities after `now`
// do not count. A behaviour rule's decayed total is kept in thousandths of a point and rounded once, so the
// explanation's lines are whole points that add up exactly to the score.
class LeadScorer
{
    Q_DECLARE_TR_FUNCTIONS(LeadScorer)
public:
    static LeadScore score(const QHash<QString, QString>& fields, const std::vector<ActivityFact>& activities,
                           const ScoringModel& model, qint64 nowMs);
    static qint8 kindIndex(const QString& kind); // -1 for an unknown kind
};

} // namespace outpost
