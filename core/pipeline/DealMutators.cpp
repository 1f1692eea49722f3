#include "pipeline/DealMutators.h"

#include "mutations/ArgReader.h"
#include "mutations/MutationRegistry.h"
#include "pipeline/PipelineSql.h"
#include "storage/SqlExec.h"

#include <QJsonArray>

namespace outpost {

namespace {

const QString kDeal = QStringLiteral("deal");
const QString kStageChange = QStringLiteral("deal_stage_change");
constexpr qint64 kMaxAmount = 9'007'199'254'740'991; // 2^53 - 1: exact in JSON
constexpr int kMaxTitle = 200;
constexpr int kMaxUser = 100;
constexpr int kMaxReason = 500;

using pipelinesql::Messages;

QString dealGone()
{
    return DealValidation::tr("This deal no longer exists; it may have been deleted on another device.");
}

QString stageGone()
{
    return DealValidation::tr("This stage no longer exists; it may have been deleted on another device.");
}

Result<Deal> requireDeal(MutationContext& ctx, const QString& id)
{
    auto deal = pipelinesql::loadDeal(ctx.db(), id);
    if (!deal)
        return deal.error();
    if (!deal.value())
        return Error(ErrorCode::NotFound, dealGone());
    return **deal;
}

Result<PipelineStage> requireStage(MutationContext& ctx, const QString& id)
{
    auto stage = pipelinesql::loadStage(ctx.db(), id);
    if (!stage)
        return stage.error();
    if (!stage.value())
        return Error(ErrorCode::NotFound, stageGone());
    return **stage;
}

Status requireContact(MutationContext& ctx, const QString& contactId)
{
    if (contactId.isEmpty())
        return {};
    QSqlQuery q(ctx.db());
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT 1 FROM contacts WHERE id = ?"), {contactId}))
        return Messages::database(q);
    if (!q.next())
        return Error(ErrorCode::NotFound, DealValidation::tr("The linked contact no longer exists; it may have been "
                                                             "deleted on another device."));
    return {};
}

QJsonObject changeJson(const DealStageChange& c)
{
    return {{QStringLiteral("dealId"), c.dealId},
            {QStringLiteral("fromStageId"), c.fromStageId},
            {QStringLiteral("toStageId"), c.toStageId},
            {QStringLiteral("at"), double(c.at)},
            {QStringLiteral("by"), c.byUser}};
}

// Appends the stage history row of this mutation (its id is the mutation's, so a replay adds nothing).
Status recordStageChange(MutationContext& ctx, const QString& dealId, const QString& from, const QString& to)
{
    const DealStageChange c{ctx.mutation().id, dealId, from, to, ctx.nowMs(), ctx.mutation().actor};
    QSqlQuery q(ctx.db());
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT 1 FROM deal_stage_changes WHERE id = ?"), {c.id}))
        return Messages::database(q);
    if (q.next())
        return {}; // replayed
    q.finish();
    if (!execBound(q,
                   QStringLiteral("INSERT INTO deal_stage_changes(id, deal_id, from_stage_id, to_stage_id, at, by_user, "
                                  "created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?)"),
                   {c.id, c.dealId, c.fromStageId, c.toStageId, c.at, c.byUser, ctx.nowMs(), ctx.nowMs(),
                    ctx.mutation().actor}))
        return Messages::database(q);
    ctx.recordChange(kStageChange, c.id, EntityChange::Kind::Created, {}, changeJson(c));
    return {};
}

// Writes every field of `next` over `old` and records what differs.
Status writeDeal(MutationContext& ctx, const Deal& old, const Deal& next)
{
    QJsonObject before, after;
    changedFields(old.toJson(), next.toJson(), &before, &after);
    if (after.isEmpty())
        return {};
    QSqlQuery q(ctx.db());
    if (!execBound(q,
                   QStringLiteral("UPDATE deals SET title = ?, pipeline_id = ?, stage_id = ?, amount_minor = ?, currency = ?, "
                                  "expected_close_at = ?, owner_id = ?, contact_id = ?, company_id = ?, close_reason = ?, "
                                  "closed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?"),
                   {next.title, next.pipelineId, next.stageId, next.amountMinor, next.currency,
                    nullableTime(next.expectedCloseAt), next.ownerId, next.contactId, next.companyId, next.closeReason,
                    nullableTime(next.closedAt), ctx.nowMs(), ctx.mutation().actor, next.id}))
        return Messages::database(q);
    ctx.recordChange(kDeal, next.id, EntityChange::Kind::Updated, before, after);
    return {};
}

class CreateDeal final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("deal.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        Deal d;
        d.id = r.id("id");
        d.title = r.text("title", true, kMaxTitle);
        d.pipelineId = r.id("pipelineId");
        d.stageId = r.id("stageId");
        d.amountMinor = r.integer("amountMinor", true, 0, kMaxAmount);
        d.currency = r.currency("currency");
        d.expectedCloseAt = r.optionalTime("expectedCloseAt");
        d.ownerId = r.has("ownerId") ? r.text("ownerId", false, kMaxUser) : ctx.mutation().actor;
        d.contactId = r.optionalId("contactId");
        d.companyId = r.optionalId("companyId");
        if (!r.ok())
            return r.status();
        auto existing = pipelinesql::loadDeal(ctx.db(), d.id);
        if (!existing)
            return existing.error();
        if (existing.value())
            return {}; // replayed: created already (later edits are their own mutations)
        auto stage = requireStage(ctx, d.stageId);
        if (!stage)
            return stage.error();
        if (stage->pipelineId != d.pipelineId)
            return Error(ErrorCode::InvalidArgument, DealValidation::tr("The stage \"%1\" is not in this deal's pipeline.")
                                                         .arg(stage->name));
        if (stage->kind != PipelineStage::Kind::Open)
            return Error(ErrorCode::InvalidArgument,
                         DealValidation::tr("A new deal starts in an open stage; \"%1\" is for closed deals.").arg(stage->name));
        if (Status s = requireContact(ctx, d.contactId); !s)
            return s;
        QSqlQuery q(ctx.db());
        if (!execBound(q,
                       QStringLiteral("INSERT INTO deals(id, title, pipeline_id, stage_id, amount_minor, currency, "
                                      "expected_close_at, owner_id, contact_id, company_id, created_at, updated_at, updated_by) "
                                      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                       {d.id, d.title, d.pipelineId, d.stageId, d.amountMinor, d.currency,
                        nullableTime(d.expectedCloseAt), d.ownerId, d.contactId, d.companyId, ctx.nowMs(), ctx.nowMs(),
                        ctx.mutation().actor}))
            return Messages::database(q);
        ctx.recordChange(kDeal, d.id, EntityChange::Kind::Created, {}, d.toJson());
        return recordStageChange(ctx, d.id, QString(), d.stageId);
    }
};

class UpdateDeal final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("deal.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        const QJsonObject set = r.object("set", Deal::editableFields());
        if (!r.ok())
            return r.status();
        auto old = requireDeal(ctx, id);
        if (!old)
            return old.error();
        Deal next = old.value();
        ArgReader sr(set);
        if (sr.has("title"))
            next.title = sr.text("title", true, kMaxTitle);
        if (sr.has("amountMinor"))
            next.amountMinor = sr.integer("amountMinor", true, 0, kMaxAmount);
        if (sr.has("currency"))
            next.currency = sr.currency("currency");
        if (sr.has("expectedCloseAt"))
            next.expectedCloseAt = sr.optionalTime("expectedCloseAt");
        if (sr.has("ownerId"))
            next.ownerId = sr.text("ownerId", false, kMaxUser);
        if (sr.has("contactId"))
            next.contactId = sr.optionalId("contactId");
        if (sr.has("companyId"))
            next.companyId = sr.optionalId("companyId");
        if (!sr.ok())
            return sr.status();
        if (next.contactId != old->contactId) {
            if (Status s = requireContact(ctx, next.contactId); !s)
                return s;
        }
        return writeDeal(ctx, old.value(), next);
    }
};

// deal.move, deal.win and deal.lose: to a stage of the wanted kind, recorded in the stage history.
class MoveDeal final : public Mutator
{
public:
    explicit MoveDeal(PipelineStage::Kind kind) : m_kind(kind) {}
    QString name() const override
    {
        switch (m_kind) {
        case PipelineStage::Kind::Won:
            return QStringLiteral("deal.win");
        case PipelineStage::Kind::Lost:
            return QStringLiteral("deal.lose");
        case PipelineStage::Kind::Open:
            break;
        }
        return QStringLiteral("deal.move");
    }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        const bool open = m_kind == PipelineStage::Kind::Open;
        const QString stageId = open ? r.id("stageId") : r.optionalId("stageId");
        const QString reason = open ? QString() : r.text("reason", m_kind == PipelineStage::Kind::Lost, kMaxReason);
        if (!r.ok())
            return r.status();
        auto deal = requireDeal(ctx, id);
        if (!deal)
            return deal.error();
        auto stage = stageId.isEmpty() ? firstOfKind(ctx, deal->pipelineId) : requireStage(ctx, stageId);
        if (!stage)
            return stage.error();
        if (stage->kind != m_kind)
            return Error(ErrorCode::InvalidArgument, wrongKind(stage->name));
        Deal next = deal.value();
        next.pipelineId = stage->pipelineId;
        next.stageId = stage->id;
        next.closeReason = reason;
        next.closedAt = open ? std::nullopt : std::optional<qint64>(deal->closedAt && deal->stageId == stage->id
                                                                        ? *deal->closedAt
                                                                        : ctx.nowMs());
        if (deal->stageId == next.stageId && deal->closeReason == next.closeReason)
            return {}; // already there (a replay, or a second drop on the same column)
        const QString from = deal->stageId;
        if (Status s = writeDeal(ctx, deal.value(), next); !s)
            return s;
        if (from == next.stageId)
            return {}; // only the reason changed
        return recordStageChange(ctx, id, from, next.stageId);
    }

private:
    QString wrongKind(const QString& stageName) const
    {
        switch (m_kind) {
        case PipelineStage::Kind::Won:
            return DealValidation::tr("\"%1\" is not a won stage.").arg(stageName);
        case PipelineStage::Kind::Lost:
            return DealValidation::tr("\"%1\" is not a lost stage.").arg(stageName);
        case PipelineStage::Kind::Open:
            break;
        }
        return DealValidation::tr("\"%1\" is a stage for closed deals: mark the deal as won or lost instead.").arg(stageName);
    }

    Result<PipelineStage> firstOfKind(MutationContext& ctx, const QString& pipelineId) const
    {
        auto stages = pipelinesql::stagesOf(ctx.db(), pipelineId);
        if (!stages)
            return stages.error();
        for (const PipelineStage& s : stages.value()) {
            if (s.kind == m_kind)
                return s;
        }
        return Error(ErrorCode::NotFound, m_kind == PipelineStage::Kind::Won
                                              ? DealValidation::tr("This deal's pipeline has no won stage.")
                                              : DealValidation::tr("This deal's pipeline has no lost stage."));
    }

    PipelineStage::Kind m_kind;
};

class DeleteDeal final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("deal.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        ArgReader r(ctx.args());
        const QString id = r.id("id");
        if (!r.ok())
            return r.status();
        auto deal = pipelinesql::loadDeal(ctx.db(), id);
        if (!deal)
            return deal.error();
        if (!deal.value())
            return {}; // deleted already
        QSqlQuery changes(ctx.db());
        changes.setForwardOnly(true);
        if (!execBound(changes,
                       QStringLiteral("SELECT id, from_stage_id, to_stage_id, at, by_user FROM deal_stage_changes "
                                      "WHERE deal_id = ?"),
                       {id}))
            return Messages::database(changes);
        QList<DealStageChange> history;
        while (changes.next())
            history.append({changes.value(0).toString(), id, changes.value(1).toString(), changes.value(2).toString(),
                            changes.value(3).toLongLong(), changes.value(4).toString()});
        QSqlQuery q(ctx.db());
        if (!execBound(q, QStringLiteral("DELETE FROM deal_stage_changes WHERE deal_id = ?"), {id}))
            return Messages::database(q);
        if (!execBound(q, QStringLiteral("DELETE FROM deals WHERE id = ?"), {id}))
            return Messages::database(q);
        for (const DealStageChange& c : history)
            ctx.recordChange(kStageChange, c.id, EntityChange::Kind::Deleted, changeJson(c), {});
        ctx.recordChange(kDeal, id, EntityChange::Kind::Deleted, deal.value()->toJson(), {});
        return {};
    }
};

} // namespace

void registerDealMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreateDeal>());
    registry.add(std::make_unique<UpdateDeal>());
    registry.add(std::make_unique<MoveDeal>(PipelineStage::Kind::Open));
    registry.add(std::make_unique<MoveDeal>(PipelineStage::Kind::Won));
    registry.add(std::make_unique<MoveDeal>(PipelineStage::Kind::Lost));
    registry.add(std::make_unique<DeleteDeal>());
}

} // namespace outpost
