#pragma once

#include "leads/LeadScorer.h"
#include "mutations/Mutation.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <optional>

namespace outpost {

class Database;

// The stored scores: derived data, computed on each device by LeadScorer from synced rows (leads, activities,
// scoring rules) and a clock, never synced or audited themselves (the user's changes that move a score are).
// lead_scores holds each lead's current score, explanation and effective status (a closed or hand-set status,
// else the stage the thresholds give); lead_score_history records every change of a score for the timeline.
class LeadScores
{
    Q_DECLARE_TR_FUNCTIONS(LeadScores)
public:
    struct Stored
    {
        int score = 0;
        QString stage;
        QString status; // effective status
        QList<ScoreLine> lines;
        qint64 scoredAt = 0;
    };
    static Result<std::optional<Stored>> load(QSqlDatabase& db, const QString& leadId);

    // Why a score was recomputed (kept with each history entry).
    static constexpr const char* kCauseActivity = "activity";
    static constexpr const char* kCauseLead = "lead";
    static constexpr const char* kCauseRules = "rules";
    static constexpr const char* kCauseTime = "time"; // rescored because time passed (activities decay)
    static QString causeLabel(const QString& cause);

    // Rescores these leads at `nowMs` in one transaction; returns those whose score, explanation or status
    // changed (only they are written). A lead that no longer exists loses its score.
    static Result<QStringList> rescore(QSqlDatabase& db, const QStringList& leadIds, qint64 nowMs,
                                       const QString& cause);

    // Rescores every lead at `nowMs` in one transaction (a rule edit, a day gone by). `progress(done, total)` is called every
    // few thousand leads; returning false cancels and rolls everything back.
    struct AllResult
    {
        qint64 scanned = 0;
        qint64 changed = 0;
    };
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    static Result<AllResult> rescoreAll(QSqlDatabase& db, qint64 nowMs, const QString& cause,
                                        const Progress& progress = {});

    // The leads whose score an activity on this subject counts for: the lead itself, or the leads linked to
    // this contact.
    static Result<QStringList> leadsOfSubject(QSqlDatabase& db, const QString& subjectType, const QString& subjectId);
};

// Keeps the stored scores current as changes arrive — the local mutation engine's and sync's alike: a lead
// edit rescores that lead; an activity rescores the leads of its subject; a rule edit, or a batch too big to
// list, asks for a full rescore (fullRescoreNeeded), which the UI runs off its thread with progress.
class LeadScoreKeeper : public QObject
{
    Q_OBJECT
public:
    LeadScoreKeeper(Database& db, const Clock& clock, QObject* parent = nullptr);

    void apply(const outpost::EntityChanges& changes);

signals:
    void scoresChanged(const QStringList& leadIds);
    void fullRescoreNeeded();
    void failed(const QString& message);

private:
    Database& m_db;
    const Clock& m_clock;
};

} // namespace outpost
