#pragma once

#include "timeline/Timeline.h"

namespace outpost {

// Calls, meetings, e-mails and notes logged on the subject. A lead's timeline includes what was logged on its
// linked contact, and a contact's what was logged on the leads linked to it.
class ActivityTimelineSource final : public TimelineSource
{
public:
    QStringList kinds() const override;
    Result<QList<TimelineEntry>> fetch(QSqlDatabase& db, const TimelineQuery& query, const QStringList& subjects,
                                       const TimelineCursor& after, int limit) const override;
};

// Changes of a lead's score (LeadScores' history): on a lead's timeline, and on a contact's for the leads
// linked to it.
class ScoreTimelineSource final : public TimelineSource
{
    Q_DECLARE_TR_FUNCTIONS(ScoreTimelineSource)
public:
    QStringList kinds() const override { return {QStringLiteral("score")}; }
    Result<QList<TimelineEntry>> fetch(QSqlDatabase& db, const TimelineQuery& query, const QStringList& subjects,
                                       const TimelineCursor& after, int limit) const override;
};

// A deal's moves between stages (its stage history, synced with the deal): on the deal's timeline, and on the
// timeline of the contact or company the deal is for.
class StageTimelineSource final : public TimelineSource
{
    Q_DECLARE_TR_FUNCTIONS(StageTimelineSource)
public:
    QStringList kinds() const override { return {QStringLiteral("stage")}; }
    Result<QList<TimelineEntry>> fetch(QSqlDatabase& db, const TimelineQuery& query, const QStringList& subjects,
                                       const TimelineCursor& after, int limit) const override;
};

} // namespace outpost
