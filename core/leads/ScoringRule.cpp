#include "leads/ScoringRule.h"
#include "storage/SqlDialect.h"

#include "activities/Activity.h"
#include "leads/Lead.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace outpost {

QJsonObject ScoringRule::toJson() const
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("label"), label},
            {QStringLiteral("field"), field},
            {QStringLiteral("test"), test},
            {QStringLiteral("value"), value},
            {QStringLiteral("activityKind"), activityKind},
            {QStringLiteral("points"), points},
            {QStringLiteral("halfLifeDays"), halfLifeDays},
            {QStringLiteral("windowDays"), windowDays},
            {QStringLiteral("maxPoints"), maxPoints},
            {QStringLiteral("enabled"), enabled},
            {QStringLiteral("position"), position}};
}

ScoringRule ScoringRule::fromJson(const QString& id, const QJsonObject& o)
{
    ScoringRule r;
    r.id = id;
    r.kind = o.value(QStringLiteral("kind")).toString();
    r.label = o.value(QStringLiteral("label")).toString().trimmed();
    r.field = o.value(QStringLiteral("field")).toString();
    r.test = o.value(QStringLiteral("test")).toString();
    r.value = o.value(QStringLiteral("value")).toString().trimmed();
    r.activityKind = o.value(QStringLiteral("activityKind")).toString();
    auto num = [&](const char* key) {
        return int(std::clamp<qint64>(jsonWholeNumber(o.value(QLatin1String(key))).value_or(0), -1'000'000, 1'000'000));
    };
    r.points = num("points");
    r.halfLifeDays = num("halfLifeDays");
    r.windowDays = num("windowDays");
    r.maxPoints = num("maxPoints");
    r.position = num("position");
    r.enabled = o.value(QStringLiteral("enabled")).toBool(true);
    return r;
}

QString ScoringRule::problem() const
{
    if (kind == QLatin1String("threshold")) {
        if (value != QLatin1String("mql") && value != QLatin1String("sql"))
            return tr("A threshold is for \"mql\" or \"sql\", not \"%1\".").arg(value);
        return {};
    }
    if (label.isEmpty())
        return tr("A rule needs a label: it is what the score's explanation says.");
    if (label.size() > 120)
        return tr("The label is too long (at most 120 characters).");
    if (points < -1000 || points > 1000)
        return tr("A rule gives between -1000 and 1000 points.");
    if (kind == QLatin1String("fit")) {
        if (!Lead::fieldNames().contains(field))
            return tr("Leads have no field \"%1\".").arg(field);
        static const QStringList tests = {QStringLiteral("present"), QStringLiteral("missing"),
                                          QStringLiteral("equals"), QStringLiteral("contains")};
        if (!tests.contains(test))
            return tr("A profile rule tests present, missing, equals or contains, not \"%1\".").arg(test);
        if ((test == QLatin1String("equals") || test == QLatin1String("contains")) && value.isEmpty())
            return tr("A rule that compares needs the value to compare with.");
        return {};
    }
    if (kind == QLatin1String("behaviour")) {
        if (!activityKind.isEmpty() && !Activity::kinds().contains(activityKind))
            return tr("\"%1\" is not a kind of activity.").arg(activityKind);
        if (halfLifeDays < 0 || halfLifeDays > 3650 || windowDays < 0 || windowDays > 3650)
            return tr("Half-life and window are between 0 and 3650 days (0: none).");
        if (maxPoints < 0)
            return tr("The cap is a number of points of 0 or more (0: no cap).");
        return {};
    }
    return tr("A rule is of kind fit, behaviour or threshold, not \"%1\".").arg(kind);
}

QString ScoringRule::describe() const
{
    if (kind == QLatin1String("threshold"))
        return value == QLatin1String("sql") ? tr("Sales qualified from %1 points").arg(points)
                                             : tr("Marketing qualified from %1 points").arg(points);
    if (kind == QLatin1String("fit")) {
        const QString f = Lead::fieldLabel(field);
        if (test == QLatin1String("present"))
            return tr("%1 is filled in").arg(f);
        if (test == QLatin1String("missing"))
            return tr("%1 is empty").arg(f);
        if (test == QLatin1String("equals"))
            return tr("%1 is \"%2\"").arg(f, value);
        return tr("%1 contains \"%2\"").arg(f, value);
    }
    QString what = activityKind.isEmpty() ? tr("every activity") : ActivityValidation::kindLabel(activityKind);
    QString s = tr("%1: %2 points each").arg(what).arg(points);
    if (halfLifeDays > 0)
        s += tr(", halved every %n day(s)", "", halfLifeDays);
    if (windowDays > 0)
        s += tr(", last %n day(s)", "", windowDays);
    if (maxPoints > 0)
        s += tr(", at most %1").arg(maxPoints);
    return s;
}

namespace scoringrulesql {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, q.lastError().text());
}

const QString kColumns = QStringLiteral("kind, label, field, test, value, activity_kind, points, half_life_days, "
                                        "window_days, max_points, enabled, position");

ScoringRule fromRow(const QSqlQuery& q, const QString& id, int c)
{
    ScoringRule r;
    r.id = id;
    r.kind = q.value(c++).toString();
    r.label = q.value(c++).toString();
    r.field = q.value(c++).toString();
    r.test = q.value(c++).toString();
    r.value = q.value(c++).toString();
    r.activityKind = q.value(c++).toString();
    r.points = q.value(c++).toInt();
    r.halfLifeDays = q.value(c++).toInt();
    r.windowDays = q.value(c++).toInt();
    r.maxPoints = q.value(c++).toInt();
    r.enabled = q.value(c++).toInt() != 0;
    r.position = q.value(c++).toInt();
    return r;
}
} // namespace

Result<QList<ScoringRule>> loadAll(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, %1 FROM scoring_rules ORDER BY position, id").arg(kColumns)))
        return dbError(q);
    QList<ScoringRule> out;
    while (q.next())
        out.append(fromRow(q, q.value(0).toString(), 1));
    return out;
}

Result<std::optional<ScoringRule>> load(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM scoring_rules WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<ScoringRule>();
    return std::optional<ScoringRule>(fromRow(q, id, 0));
}

Result<std::optional<Meta>> loadMeta(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT created_at, updated_at, updated_by FROM scoring_rules WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<Meta>();
    return std::optional<Meta>(Meta{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString()});
}

Status write(QSqlDatabase& db, const ScoringRule& r, qint64 createdAt, qint64 updatedAt, const QString& updatedBy)
{
    const QVariantList values = {sql::text(r.kind),  sql::text(r.label),        sql::text(r.field), sql::text(r.test),
                                 sql::text(r.value), sql::text(r.activityKind), r.points,       r.halfLifeDays,
                                 r.windowDays, r.maxPoints,      int(r.enabled), r.position};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE scoring_rules SET kind = ?, label = ?, field = ?, test = ?, value = ?, "
                             "activity_kind = ?, points = ?, half_life_days = ?, window_days = ?, max_points = ?, "
                             "enabled = ?, position = ?, created_at = ?, updated_at = ?, updated_by = ? WHERE id = ?"));
    for (const QVariant& v : values)
        q.addBindValue(v);
    q.addBindValue(createdAt);
    q.addBindValue(updatedAt);
    q.addBindValue(updatedBy);
    q.addBindValue(r.id);
    if (!q.exec())
        return dbError(q);
    if (q.numRowsAffected() > 0)
        return {};
    q.prepare(QStringLiteral("INSERT INTO scoring_rules(id, %1, created_at, updated_at, updated_by) "
                             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                  .arg(kColumns));
    q.addBindValue(r.id);
    for (const QVariant& v : values)
        q.addBindValue(v);
    q.addBindValue(createdAt);
    q.addBindValue(updatedAt);
    q.addBindValue(updatedBy);
    if (!q.exec())
        return dbError(q);
    return {};
}

Status remove(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM scoring_rules WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace scoringrulesql

} // namespace outpost
