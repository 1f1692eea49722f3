#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace outpost {

// One rule of the lead score, edited by an admin (scoring_rule.set@1). Three kinds:
//  - "fit": a lead field is present / missing / equals a value / contains a value → `points` once;
//  - "behaviour": activities of a kind (or of any kind) on the lead or its linked contact; each counts `points`
//    at its time and halves every `halfLifeDays` (0: no decay); only the last `windowDays` count (0: all);
//    the rule's total is capped at `maxPoints` (0: no cap);
//  - "threshold": the score from which an open lead is marketing (`value` "mql") or sales qualified ("sql").
// Thresholds are rules too so one synced entity carries the whole scoring model.
struct ScoringRule
{
    Q_DECLARE_TR_FUNCTIONS(ScoringRule)
public:
    QString id;
    QString kind;  // fit | behaviour | threshold
    QString label; // what the explanation says, e.g. "No phone number" or "E-mails this week"
    QString field; // fit: a Lead::fieldNames() entry
    QString test;  // fit: present | missing | equals | contains
    QString value; // fit: equals/contains; threshold: mql | sql
    QString activityKind; // behaviour: call | meeting | email | note, or empty for every kind
    int points = 0;
    int halfLifeDays = 0;
    int windowDays = 0;
    int maxPoints = 0;
    bool enabled = true;
    int position = 0; // order in the editor and in explanations

    QJsonObject toJson() const; // every field but the id (mutation args add it)
    static ScoringRule fromJson(const QString& id, const QJsonObject& o);
    // A user-readable problem, or an empty string.
    QString problem() const;
    // A one-line description of what the rule tests, for the rules editor.
    QString describe() const;

    static constexpr int kDefaultMql = 40;
    static constexpr int kDefaultSql = 70;
};

namespace scoringrulesql {
Result<QList<ScoringRule>> loadAll(QSqlDatabase& db);
Result<std::optional<ScoringRule>> load(QSqlDatabase& db, const QString& id);
Status write(QSqlDatabase& db, const ScoringRule& r, qint64 createdAt, qint64 updatedAt, const QString& updatedBy);
Status remove(QSqlDatabase& db, const QString& id);
// created_at/updated_at/updated_by of one rule (the codec's metadata).
struct Meta
{
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
};
Result<std::optional<Meta>> loadMeta(QSqlDatabase& db, const QString& id);
} // namespace scoringrulesql

} // namespace outpost
