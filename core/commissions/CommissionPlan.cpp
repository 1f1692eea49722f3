#include "commissions/CommissionPlan.h"

#include "util/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>

namespace outpost::commissions {

namespace {

constexpr qint64 kMaxVolume = qint64(1) << 50;
constexpr int kMaxLevels = 64;
constexpr int kMaxRanks = 100;

// Reads fields of one JSON object and remembers the first error, with the field's path.
class Reader
{
public:
    std::optional<Error> error;

    void fail(const QString& message)
    {
        if (!error)
            error = Error(ErrorCode::InvalidArgument, message);
    }

    // A whole number in [min, max], or `fallback` when the key is absent and optional.
    qint64 number(const QJsonObject& o, const QString& key, const QString& path, qint64 min, qint64 max,
                  std::optional<qint64> fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (!fallback)
                fail(CommissionPlan::tr("%1 is required").arg(path));
            return fallback.value_or(0);
        }
        const std::optional<qint64> n = jsonWholeNumber(v);
        if (!n) {
            fail(CommissionPlan::tr("%1 must be a whole number").arg(path));
            return fallback.value_or(0);
        }
        if (*n < min || *n > max) {
            fail(CommissionPlan::tr("%1 must be between %2 and %3").arg(path).arg(min).arg(max));
            return fallback.value_or(0);
        }
        return *n;
    }

    QString text(const QJsonObject& o, const QString& key, const QString& path, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(CommissionPlan::tr("%1 is required").arg(path));
            return {};
        }
        if (!v.isString()) {
            fail(CommissionPlan::tr("%1 must be text").arg(path));
            return {};
        }
        return v.toString();
    }

    QJsonObject object(const QJsonObject& o, const QString& key, const QString& path, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(CommissionPlan::tr("%1 is required").arg(path));
            return {};
        }
        if (!v.isObject()) {
            fail(CommissionPlan::tr("%1 must be an object").arg(path));
            return {};
        }
        return v.toObject();
    }

    QJsonArray array(const QJsonObject& o, const QString& key, const QString& path, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(CommissionPlan::tr("%1 is required").arg(path));
            return {};
        }
        if (!v.isArray()) {
            fail(CommissionPlan::tr("%1 must be a list").arg(path));
            return {};
        }
        return v.toArray();
    }

    bool boolean(const QJsonObject& o, const QString& key, const QString& path, bool fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(CommissionPlan::tr("%1 must be true or false").arg(path));
            return fallback;
        }
        return v.toBool();
    }

    RankIndex rank(const CommissionPlan& plan, const QString& id, const QString& path)
    {
        const RankIndex r = plan.rankIndex(id);
        if (r == kNoRank)
            fail(CommissionPlan::tr("%1 names the unknown rank \"%2\"").arg(path, id));
        return r;
    }

    // A percentage table row: "percentBp", optional "minRank", optional "byRank" (see the header).
    std::vector<BasisPoints> percentRow(const CommissionPlan& plan, const QJsonObject& o, const QString& path)
    {
        std::vector<BasisPoints> row(size_t(plan.rankCount() + 1), 0);
        const BasisPoints base =
            BasisPoints(number(o, QStringLiteral("percentBp"), path + QStringLiteral(".percentBp"), 0, kFullBp, {}));
        RankIndex minRank = kNoRank;
        const QString minRankId = text(o, QStringLiteral("minRank"), path + QStringLiteral(".minRank"), false);
        if (!minRankId.isEmpty())
            minRank = rank(plan, minRankId, path + QStringLiteral(".minRank"));
        std::vector<std::optional<BasisPoints>> overrides(row.size());
        const QJsonObject byRank = object(o, QStringLiteral("byRank"), path + QStringLiteral(".byRank"), false);
        for (auto it = byRank.begin(); it != byRank.end(); ++it) {
            const QString keyPath = path + QStringLiteral(".byRank.") + it.key();
            const RankIndex r = rank(plan, it.key(), keyPath);
            if (r == kNoRank)
                continue;
            if (r < minRank)
                fail(CommissionPlan::tr("%1 is below %2.minRank").arg(keyPath, path));
            const std::optional<qint64> n = jsonWholeNumber(it.value());
            if (!n || *n < 0 || *n > kFullBp) {
                fail(CommissionPlan::tr("%1 must be between 0 and 10000").arg(keyPath));
                continue;
            }
            overrides[size_t(r + 1)] = BasisPoints(*n);
        }
        BasisPoints current = base;
        for (RankIndex r = kNoRank; r < plan.rankCount(); ++r) {
            if (overrides[size_t(r + 1)])
                current = *overrides[size_t(r + 1)];
            row[size_t(r + 1)] = r >= minRank ? current : 0;
        }
        return row;
    }
};

BasisPoints rowMax(const std::vector<BasisPoints>& row)
{
    return row.empty() ? 0 : *std::max_element(row.begin(), row.end());
}

QString percentText(qint64 bpScaled) // bp × 10000 → "12.34 %"
{
    return QString::number(double(bpScaled) / 1e6, 'f', 2) + QStringLiteral(" %");
}

} // namespace

RankIndex CommissionPlan::rankIndex(const QString& id) const
{
    for (size_t i = 0; i < ranks.size(); ++i)
        if (ranks[i].id == id)
            return RankIndex(i);
    return kNoRank;
}

QString CommissionPlan::rankName(RankIndex rank) const
{
    if (rank < 0 || rank >= rankCount())
        return tr("no rank");
    return ranks[size_t(rank)].name;
}

qint64 CommissionPlan::worstCasePayoutBpScaled() const
{
    qint64 u = 0;
    for (const auto& row : unilevelBp)
        u += rowMax(row);
    qint64 m = 0;
    for (const auto& row : matchingBp)
        m += rowMax(row);
    return kFullBp * (u + fastStartBp) + u * m;
}

Result<CommissionPlan> CommissionPlan::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(ErrorCode::InvalidArgument,
                     tr("The commission plan is not valid JSON: %1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(parseError.offset));
    if (!doc.isObject())
        return Error(ErrorCode::InvalidArgument, tr("The commission plan must be a JSON object"));
    return fromJson(doc.object());
}

Result<CommissionPlan> CommissionPlan::fromJson(const QJsonObject& json)
{
    CommissionPlan plan;
    Reader r;

    plan.currency = r.text(json, QStringLiteral("currency"), QStringLiteral("currency"), true);
    static const QRegularExpression currencyRe(QStringLiteral("^[A-Z]{3}$"));
    if (!r.error && !currencyRe.match(plan.currency).hasMatch())
        r.fail(tr("currency must be a three-letter ISO 4217 code such as EUR"));
    plan.maxPayoutBp = BasisPoints(
        r.number(json, QStringLiteral("maxPayoutBp"), QStringLiteral("maxPayoutBp"), 0, kFullBp, {}));

    const QJsonObject qualification =
        r.object(json, QStringLiteral("qualification"), QStringLiteral("qualification"), false);
    plan.legVolumeCap = r.number(qualification, QStringLiteral("legVolumeCap"),
                                 QStringLiteral("qualification.legVolumeCap"), 0, kMaxVolume, 0);

    // Ranks first: everything else refers to them by id.
    const QJsonArray ranks = r.array(json, QStringLiteral("ranks"), QStringLiteral("ranks"), false);
    if (ranks.size() > kMaxRanks)
        r.fail(tr("ranks may hold at most %1 ranks").arg(kMaxRanks));
    static const QRegularExpression idRe(QStringLiteral("^[a-z0-9_-]{1,40}$"));
    for (qsizetype i = 0; i < ranks.size() && !r.error; ++i) {
        const QString path = QStringLiteral("ranks[%1]").arg(i);
        if (!ranks.at(i).isObject()) {
            r.fail(tr("%1 must be an object").arg(path));
            break;
        }
        const QJsonObject o = ranks.at(i).toObject();
        RankDefinition def;
        def.id = r.text(o, QStringLiteral("id"), path + QStringLiteral(".id"), true);
        if (!r.error && !idRe.match(def.id).hasMatch())
            r.fail(tr("%1.id must be 1 to 40 lower-case letters, digits, '-' or '_'").arg(path));
        if (!r.error && plan.rankIndex(def.id) != kNoRank)
            r.fail(tr("%1.id \"%2\" is used by an earlier rank").arg(path, def.id));
        def.name = r.text(o, QStringLiteral("name"), path + QStringLiteral(".name"), false);
        if (def.name.isEmpty())
            def.name = def.id;
        def.minPv = r.number(o, QStringLiteral("minPv"), path + QStringLiteral(".minPv"), 0, kMaxVolume, 0);
        def.minGv = r.number(o, QStringLiteral("minGv"), path + QStringLiteral(".minGv"), 0, kMaxVolume, 0);
        def.maxLegShareBp = BasisPoints(r.number(o, QStringLiteral("maxLegShareBp"),
                                                 path + QStringLiteral(".maxLegShareBp"), 1, kFullBp, kFullBp));
        const QJsonObject legs = r.object(o, QStringLiteral("legs"), path + QStringLiteral(".legs"), false);
        if (!legs.isEmpty()) {
            def.legsRequired = qint32(
                r.number(legs, QStringLiteral("count"), path + QStringLiteral(".legs.count"), 1, 1000, {}));
            const QString legRank = r.text(legs, QStringLiteral("rank"), path + QStringLiteral(".legs.rank"), true);
            // A leg requirement may only name a rank defined before it (a lower rank).
            if (!r.error && legRank == def.id)
                r.fail(tr("%1.legs.rank must name a lower rank than %2").arg(path, def.id));
            else if (!r.error)
                def.legRank = r.rank(plan, legRank, path + QStringLiteral(".legs.rank"));
        }
        plan.ranks.push_back(def);
    }

    const QJsonObject compression =
        r.object(json, QStringLiteral("compression"), QStringLiteral("compression"), false);
    plan.compressInactive = r.boolean(compression, QStringLiteral("skipInactive"),
                                      QStringLiteral("compression.skipInactive"), true);
    plan.compressionMinPv =
        r.number(compression, QStringLiteral("minPv"), QStringLiteral("compression.minPv"), 0, kMaxVolume, 0);

    const QJsonObject unilevel = r.object(json, QStringLiteral("unilevel"), QStringLiteral("unilevel"), true);
    const QString treeName = r.text(unilevel, QStringLiteral("tree"), QStringLiteral("unilevel.tree"), false);
    if (!treeName.isEmpty()) {
        const std::optional<GenealogyTree> tree = genealogyTreeFromName(treeName);
        if (!tree)
            r.fail(tr("unilevel.tree must be \"placement\" or \"sponsor\""));
        else
            plan.unilevelTree = *tree;
    }
    const QJsonArray levels = r.array(unilevel, QStringLiteral("levels"), QStringLiteral("unilevel.levels"), true);
    if (!r.error && (levels.isEmpty() || levels.size() > kMaxLevels))
        r.fail(tr("unilevel.levels must hold between 1 and %1 levels").arg(kMaxLevels));
    for (qsizetype i = 0; i < levels.size() && !r.error; ++i) {
        const QString path = QStringLiteral("unilevel.levels[%1]").arg(i);
        if (!levels.at(i).isObject()) {
            r.fail(tr("%1 must be an object").arg(path));
            break;
        }
        plan.unilevelBp.push_back(r.percentRow(plan, levels.at(i).toObject(), path));
    }

    const QJsonObject fastStart = r.object(json, QStringLiteral("fastStart"), QStringLiteral("fastStart"), false);
    if (!fastStart.isEmpty()) {
        plan.fastStartBp = BasisPoints(r.number(fastStart, QStringLiteral("percentBp"),
                                                QStringLiteral("fastStart.percentBp"), 0, kFullBp, {}));
        plan.fastStartDays = qint32(
            r.number(fastStart, QStringLiteral("days"), QStringLiteral("fastStart.days"), 1, 3660, {}));
    }

    const QJsonObject matching = r.object(json, QStringLiteral("matching"), QStringLiteral("matching"), false);
    if (!matching.isEmpty()) {
        const QString genRank =
            r.text(matching, QStringLiteral("generationRank"), QStringLiteral("matching.generationRank"), true);
        if (!r.error)
            plan.generationRank = r.rank(plan, genRank, QStringLiteral("matching.generationRank"));
        const QJsonArray gens =
            r.array(matching, QStringLiteral("generations"), QStringLiteral("matching.generations"), true);
        if (!r.error && (gens.isEmpty() || gens.size() > kMaxLevels))
            r.fail(tr("matching.generations must hold between 1 and %1 generations").arg(kMaxLevels));
        for (qsizetype i = 0; i < gens.size() && !r.error; ++i) {
            const QString path = QStringLiteral("matching.generations[%1]").arg(i);
            if (!gens.at(i).isObject()) {
                r.fail(tr("%1 must be an object").arg(path));
                break;
            }
            std::vector<BasisPoints> row = r.percentRow(plan, gens.at(i).toObject(), path);
            // Only generation boundaries may earn a match: that is what bounds the matching on one order.
            for (RankIndex rank = kNoRank; rank < plan.generationRank && !r.error; ++rank)
                if (row[size_t(rank + 1)] != 0)
                    r.fail(tr("%1 pays %2, which is below matching.generationRank (%3); "
                              "set %1.minRank to %3 or higher")
                               .arg(path, plan.rankName(rank), plan.ranks[size_t(plan.generationRank)].id));
            plan.matchingBp.push_back(std::move(row));
        }
    }

    if (!r.error) {
        const qint64 worst = plan.worstCasePayoutBpScaled();
        if (worst > qint64(kFullBp) * plan.maxPayoutBp)
            r.fail(tr("maxPayoutBp: the plan can pay up to %1 of an order's CV (unilevel, fast start and matching "
                      "at their highest rates), more than the guaranteed maximum of %2; lower the percentages "
                      "or raise maxPayoutBp")
                       .arg(percentText(worst), percentText(qint64(kFullBp) * plan.maxPayoutBp)));
    }

    if (r.error)
        return *r.error;
    return plan;
}

} // namespace outpost::commissions
