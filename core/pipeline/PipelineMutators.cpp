#include "pipeline/PipelineMutators.h"

#include "mutations/ArgReader.h"
#include "mutations/MutationRegistry.h"
#include "pipeline/PipelineSql.h"
#include "storage/SqlExec.h"
#include "util/Uuid.h"

#include <QJsonArray>
#include <QSet>

namespace outpost {

namespace {

const QString kPipeline = QStringLiteral("pipeline");
const QString kStage = QStringLiteral("pipeline_stage");
constexpr int kMaxName = 100;

using pipelinesql::Messages;

Error notFound(const QString& message)
{
    return Error(ErrorCode::NotFound, message);
}

QString pipelineGone()
{
    return PipelineValidation::tr("This pipeline no longer exists; it may have been deleted on another device.");
}

QString stageGone()
{
    return PipelineValidation::tr("This stage no longer exists; it may have been deleted on another device.");
}

QJsonObject stageJson(const PipelineStage& s)
{
    return {{QStringLiteral("pipelineId"), s.pipelineId},
            {QStringLiteral("name"), s.name},
            {QStringLiteral("position"), s.position},
            {QStringLiteral("probability"), s.probability},
            {QStringLiteral("kind"), PipelineStage::kindName(s.kind)}};
}

// Reads name/probability/kind of a stage (all required) from `r`.
void readStageFields(ArgReader& r, PipelineStage* s)
{
    s->name = r.text("name", true, kMaxName);
    s->probability = int(r.integer("probability", true, 0, 100));
    const QString kind = r.text("kind", true, 10);
    if (auto k = PipelineStage::kindFromName(kind))
        s->kind = *k;
    else if (r.ok())
        r.fail(PipelineValidation::tr("A stage's kind must be \"open\", \"won\" or \"lost\"."));
}

Status insertStage(MutationContext& ctx, const PipelineStage& s)
{
    QSqlQuery q(ctx.db());
    if (!execBound(q,
                   QStringLiteral("INSERT INTO pipeline_stages(id, pipeline_id, name, position, probability, kind, "
                                  "created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?)"),
                   {s.id, s.pipelineId, s.name, s.position, s.probability, PipelineStage::kindName(s.kind),
                    ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor}))
        return Messages::database(q);
    ctx.recordChange(kStage, s.id, EntityChange::Kind::Created, {}, stageJson(s));
    return {};
}

Status setStagePosition(MutationContext& ctx, const PipelineStage& s, int position)
{
    if (s.position == position)
        return {};
    QSqlQuery q(ctx.db());
    if (!execBound(q, QStringLiteral("UPDATE pipeline_stages SET position = ?, updated_at = ?, updated_by = ? WHERE id = ?"),
                   {position, ctx.nowMs(), ctx.mutation().actor, s.id}))
        return Messages::database(q);
    ctx.recordChange(kStage, s.id, EntityChange::Kind::Updated, {{QStringLiteral("position"), s.position}},
                     {{QStringLiteral("position"), position}});
    return {};
}

class CreatePipeline final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("pipeline.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        Pipeline p;
        p.id = r.id("id");
        p.name = r.text("name", true, kMaxName);
        p.position = int(r.integer("position", false, 0, 1'000'000));
        QList<PipelineStage> stages;
        const QJsonArray stageArgs = ctx.args().value(QStringLiteral("stages")).toArray();
        QSet<QString> ids;
        bool anyOpen = stageArgs.isEmpty();
        for (int i = 0; i < stageArgs.size() && r.ok(); ++i) {
            ArgReader sr(stageArgs.at(i).toObject());
            PipelineStage s;
            s.id = sr.id("id");
            s.pipelineId = p.id;
            s.position = i;
            readStageFields(sr, &s);
            if (!sr.ok())
                r.fail(PipelineValidation::tr("Stage %1: %2").arg(i + 1).arg(sr.status().message()));
            if (ids.contains(s.id))
                r.fail(PipelineValidation::tr("Stage %1 repeats the id of another stage.").arg(i + 1));
            ids.insert(s.id);
            anyOpen = anyOpen || s.kind == PipelineStage::Kind::Open;
            stages.append(s);
        }
        if (!anyOpen)
            r.fail(PipelineValidation::tr("A pipeline needs at least one open stage for its deals in progress."));
        if (!r.ok())
            return r.status();
        auto existing = pipelinesql::loadPipeline(ctx.db(), p.id);
        if (!existing)
            return existing.error();
        if (existing.value())
            return {}; // replayed: created already (its stages are edited through their own mutations)
        for (const PipelineStage& s : stages) {
            auto other = pipelinesql::loadStage(ctx.db(), s.id);
            if (!other)
                return other.error();
            if (other.value())
                return Error(ErrorCode::AlreadyExists, PipelineValidation::tr("The stage id %1 is already used.").arg(s.id));
        }
        QSqlQuery q(ctx.db());
        if (!execBound(q,
                       QStringLiteral("INSERT INTO pipelines(id, name, position, created_at, updated_at, updated_by) "
                                      "VALUES(?,?,?,?,?,?)"),
                       {p.id, p.name, p.position, ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor}))
            return Messages::database(q);
        ctx.recordChange(kPipeline, p.id, EntityChange::Kind::Created, {},
                         {{QStringLiteral("name"), p.name}, {QStringLiteral("position"), p.position}});
        for (const PipelineStage& s : stages) {
            if (Status st = insertStage(ctx, s); !st)
                return st;
        }
        return {};
    }
};

class UpdatePipeline final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("pipeline.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        const QJsonObject set = r.object("set", {QStringLiteral("name"), QStringLiteral("position")});
        ArgReader sr(set);
        const QString newName = sr.has("name") ? sr.text("name", true, kMaxName) : QString();
        const int newPosition = int(sr.integer("position", false, 0, 1'000'000));
        if (!r.ok() || !sr.ok())
            return r.ok() ? sr.status() : r.status();
        auto existing = pipelinesql::loadPipeline(ctx.db(), id);
        if (!existing)
            return existing.error();
        if (!existing.value())
            return notFound(pipelineGone());
        const Pipeline& old = **existing;
        QJsonObject before, after;
        if (sr.has("name") && newName != old.name) {
            before.insert(QStringLiteral("name"), old.name);
            after.insert(QStringLiteral("name"), newName);
        }
        if (sr.has("position") && newPosition != old.position) {
            before.insert(QStringLiteral("position"), old.position);
            after.insert(QStringLiteral("position"), newPosition);
        }
        if (after.isEmpty())
            return {};
        QSqlQuery q(ctx.db());
        if (!execBound(q,
                       QStringLiteral("UPDATE pipelines SET name = ?, position = ?, updated_at = ?, updated_by = ? WHERE id = ?"),
                       {after.value(QStringLiteral("name")).toString(old.name),
                        after.value(QStringLiteral("position")).toInt(old.position), ctx.nowMs(), ctx.mutation().actor, id}))
            return Messages::database(q);
        ctx.recordChange(kPipeline, id, EntityChange::Kind::Updated, before, after);
        return {};
    }
};

class CreateStage final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("stage.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        PipelineStage s;
        s.id = r.id("id");
        s.pipelineId = r.id("pipelineId");
        readStageFields(r, &s);
        const bool placed = r.has("position");
        const int position = int(r.integer("position", false, 0, 1000));
        if (!r.ok())
            return r.status();
        auto existing = pipelinesql::loadStage(ctx.db(), s.id);
        if (!existing)
            return existing.error();
        if (existing.value()) {
            if (existing.value()->pipelineId == s.pipelineId)
                return {}; // replayed
            return Error(ErrorCode::AlreadyExists, PipelineValidation::tr("This stage id is already used in another pipeline."));
        }
        auto pipeline = pipelinesql::loadPipeline(ctx.db(), s.pipelineId);
        if (!pipeline)
            return pipeline.error();
        if (!pipeline.value())
            return notFound(pipelineGone());
        auto stages = pipelinesql::stagesOf(ctx.db(), s.pipelineId);
        if (!stages)
            return stages.error();
        s.position = placed ? std::min<int>(position, int(stages->size())) : int(stages->size());
        // The stages from the new one's place on move one to the right; positions stay 0..n-1.
        for (int i = s.position; i < stages->size(); ++i) {
            if (Status st = setStagePosition(ctx, stages->at(i), i + 1); !st)
                return st;
        }
        return insertStage(ctx, s);
    }
};

class UpdateStage final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("stage.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        const QJsonObject set =
            r.object("set", {QStringLiteral("name"), QStringLiteral("probability"), QStringLiteral("kind")});
        if (!r.ok())
            return r.status();
        auto existing = pipelinesql::loadStage(ctx.db(), id);
        if (!existing)
            return existing.error();
        if (!existing.value())
            return notFound(stageGone());
        const PipelineStage old = **existing;
        // Unset fields keep their values: read the merged set with the same rules as a new stage.
        QJsonObject merged = stageJson(old);
        for (auto it = set.begin(); it != set.end(); ++it)
            merged.insert(it.key(), it.value());
        ArgReader sr(merged);
        PipelineStage next = old;
        readStageFields(sr, &next);
        if (!sr.ok())
            return sr.status();
        if (old.kind == PipelineStage::Kind::Open && next.kind != PipelineStage::Kind::Open) {
            auto stages = pipelinesql::stagesOf(ctx.db(), old.pipelineId);
            if (!stages)
                return stages.error();
            const auto open = std::count_if(stages->begin(), stages->end(),
                                            [](const PipelineStage& s) { return s.kind == PipelineStage::Kind::Open; });
            if (open <= 1)
                return Error(ErrorCode::Rejected, PipelineValidation::tr("\"%1\" is the pipeline's last open stage: a "
                                                                         "pipeline needs one for its deals in progress.")
                                                      .arg(old.name));
        }
        QJsonObject before, after;
        changedFields(stageJson(old), stageJson(next), &before, &after);
        if (after.isEmpty())
            return {};
        QSqlQuery q(ctx.db());
        if (!execBound(q,
                       QStringLiteral("UPDATE pipeline_stages SET name = ?, probability = ?, kind = ?, updated_at = ?, "
                                      "updated_by = ? WHERE id = ?"),
                       {next.name, next.probability, PipelineStage::kindName(next.kind), ctx.nowMs(),
                        ctx.mutation().actor, id}))
            return Messages::database(q);
        ctx.recordChange(kStage, id, EntityChange::Kind::Updated, before, after);
        return {};
    }
};

class ReorderStages final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("stage.reorder"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString pipelineId = r.id("pipelineId");
        const QJsonArray order = ctx.args().value(QStringLiteral("stageIds")).toArray();
        if (!r.ok())
            return r.status();
        auto stages = pipelinesql::stagesOf(ctx.db(), pipelineId);
        if (!stages)
            return stages.error();
        if (stages->isEmpty())
            return notFound(pipelineGone());
        QHash<QString, PipelineStage> byId;
        for (const PipelineStage& s : stages.value())
            byId.insert(s.id, s);
        QSet<QString> seen;
        for (const QJsonValue& v : order)
            seen.insert(v.toString());
        if (order.size() != stages->size() || seen.size() != order.size()
            || !std::all_of(seen.begin(), seen.end(), [&](const QString& id) { return byId.contains(id); }))
            return Error(ErrorCode::Conflict,
                         PipelineValidation::tr("The new order must list every stage of the pipeline once; the stages "
                                                "may have changed on another device. Reload them and try again."));
        for (int i = 0; i < order.size(); ++i) {
            if (Status st = setStagePosition(ctx, byId.value(order.at(i).toString()), i); !st)
                return st;
        }
        return {};
    }
};

class DeleteStage final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("stage.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        if (!r.ok())
            return r.status();
        auto existing = pipelinesql::loadStage(ctx.db(), id);
        if (!existing)
            return existing.error();
        if (!existing.value())
            return {}; // deleted already
        const PipelineStage stage = **existing;
        auto deals = pipelinesql::dealCountInStage(ctx.db(), id);
        if (!deals)
            return deals.error();
        if (deals.value() > 0)
            return Error(ErrorCode::Rejected,
                         PipelineValidation::tr("\"%1\" still holds %n deal(s): move them to another stage first.", nullptr,
                                                int(std::min<qint64>(deals.value(), INT_MAX)))
                             .arg(stage.name));
        auto stages = pipelinesql::stagesOf(ctx.db(), stage.pipelineId);
        if (!stages)
            return stages.error();
        const auto open = std::count_if(stages->begin(), stages->end(),
                                        [](const PipelineStage& s) { return s.kind == PipelineStage::Kind::Open; });
        if (stage.kind == PipelineStage::Kind::Open && open <= 1)
            return Error(ErrorCode::Rejected, PipelineValidation::tr("\"%1\" is the pipeline's last open stage: a "
                                                                     "pipeline needs one for its deals in progress.")
                                                  .arg(stage.name));
        QSqlQuery q(ctx.db());
        if (!execBound(q, QStringLiteral("DELETE FROM pipeline_stages WHERE id = ?"), {id}))
            return Messages::database(q);
        ctx.recordChange(kStage, id, EntityChange::Kind::Deleted, stageJson(stage), {});
        // Close the gap so positions stay 0..n-1.
        int position = 0;
        for (const PipelineStage& s : stages.value()) {
            if (s.id == id)
                continue;
            if (Status st = setStagePosition(ctx, s, position++); !st)
                return st;
        }
        return {};
    }
};

} // namespace

void registerPipelineMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreatePipeline>());
    registry.add(std::make_unique<UpdatePipeline>());
    registry.add(std::make_unique<CreateStage>());
    registry.add(std::make_unique<UpdateStage>());
    registry.add(std::make_unique<ReorderStages>());
    registry.add(std::make_unique<DeleteStage>());
}

} // namespace outpost
