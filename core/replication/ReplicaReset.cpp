#include "replication/ReplicaReset.h"

#include "contacts/ContactSearchIndex.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "pipeline/DefaultPipeline.h"
#include "replication/Replica.h"
#include "storage/Database.h"
#include "storage/Meta.h"
#include "storage/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

const QList<std::pair<QString, QString>>& ReplicaReset::syncedTables()
{
    // Add an entity here when its RowCodec joins RowCodecRegistry::standard() (a test checks this).
    static const QList<std::pair<QString, QString>> tables = {
        // Commerce first: orders point at distributors, returns at orders.
        {QStringLiteral("order_return"), QStringLiteral("order_returns")},
        {QStringLiteral("order"), QStringLiteral("orders")},
        {QStringLiteral("product"), QStringLiteral("products")},
        {QStringLiteral("payout_batch"), QStringLiteral("payout_batches")},
        {QStringLiteral("commission_period"), QStringLiteral("commission_periods")},
        {QStringLiteral("commission_plan"), QStringLiteral("commission_plans")},
        {QStringLiteral("conflict"), QStringLiteral("sync_conflicts")},
        {QStringLiteral("contact_share"), QStringLiteral("contact_shares")},
        {QStringLiteral("distributor"), QStringLiteral("distributors")}, // before contacts: it links to them
        {QStringLiteral("consent"), QStringLiteral("consents")},
        {QStringLiteral("erasure"), QStringLiteral("erasures")},
        {QStringLiteral("segment"), QStringLiteral("segments")},
        {QStringLiteral("contact"), QStringLiteral("contacts")},
        {QStringLiteral("deal_stage_change"), QStringLiteral("deal_stage_changes")},
        {QStringLiteral("deal"), QStringLiteral("deals")},
        {QStringLiteral("pipeline_stage"), QStringLiteral("pipeline_stages")},
        {QStringLiteral("pipeline"), QStringLiteral("pipelines")},
        {QStringLiteral("task"), QStringLiteral("tasks")},
        {QStringLiteral("company"), QStringLiteral("companies")},     // their custom values go by trigger
        {QStringLiteral("customfield"), QStringLiteral("custom_fields")},
        {QStringLiteral("activity"), QStringLiteral("activities")},
        {QStringLiteral("lead"), QStringLiteral("leads")},
        {QStringLiteral("scoring_rule"), QStringLiteral("scoring_rules")},
    };
    return tables;
}

Result<qint64> ReplicaReset::unsyncedCount(Database& db)
{
    QSqlDatabase conn = db.connection();
    return Outbox::count(conn);
}

Status ReplicaReset::wipe(Database& db)
{
    QSqlDatabase conn = db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    auto exec = [&](const QString& sql) -> Status {
        QSqlQuery q(conn);
        if (!q.exec(sql))
            return Error(ErrorCode::Database, tr("Could not remove the team's data: %1").arg(q.lastError().text()));
        return {};
    };
    // Unsent changes go, but their sequence numbers stay used (acknowledge keeps the floor in meta).
    auto last = Outbox::lastQueued(conn);
    if (!last)
        return last.error();
    if (last->seq > 0) {
        if (Status s = Outbox::acknowledge(conn, last->seq); !s)
            return s;
    }
    // What each device derives from the commerce rows (order lines, the commission run's results and ledger,
    // payouts) goes before the rows it refers to.
    for (const char* table : {"payout_items", "payout_balances", "commission_lines", "commission_results",
                              "commission_snapshots", "order_lines"}) {
        if (Status s = exec(QStringLiteral("DELETE FROM ") + QLatin1String(table)); !s)
            return s;
    }
    // The contacts' full-text index is emptied at once: its delete trigger would do FTS work for every row (and,
    // for a row a bootstrap cut half-way never indexed, write deletion markers for terms the index does not
    // hold). A 'rebuild' of the index from the emptied table clears it (SQLite 3.15's FTS4 has no 'delete-all'
    // for an external-content table); the trigger comes back after it (DDL is transactional: a failed wipe
    // leaves it in place).
    if (Status s = exec(QStringLiteral("DROP TRIGGER IF EXISTS contacts_fts_bd")); !s)
        return s;
    for (const auto& [entity, table] : syncedTables()) {
        if (Status s = exec(QStringLiteral("DELETE FROM ") + table); !s)
            return s;
    }
    if (Status s = exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')")); !s)
        return s;
    if (Status s = exec(contactsearch::deleteTriggerScript()); !s)
        return s;
    // The genealogy's closures, cached downline figures and move history go with the distributors; the lead
    // scores (derived on this device) with the leads.
    for (const char* table : {"sponsor_closure", "placement_closure", "sponsor_downline", "placement_downline",
                              "distributor_moves", "lead_scores", "lead_score_history"}) {
        if (Status s = exec(QStringLiteral("DELETE FROM ") + QLatin1String(table)); !s)
            return s;
    }
    if (Status s = exec(QStringLiteral("DELETE FROM sync_rejections")); !s)
        return s;
    // The merge history holds the full state of merged contacts (and nothing to undo once they are gone).
    if (Status s = exec(QStringLiteral("DELETE FROM merge_items")); !s)
        return s;
    if (Status s = exec(QStringLiteral("DELETE FROM merge_batches")); !s)
        return s;
    // Which reminders were shown (task ids); the default pipeline every database starts with comes back.
    if (Status s = exec(QStringLiteral("DELETE FROM task_reminders_shown")); !s)
        return s;
    if (Status s = insertDefaultPipeline(conn); !s)
        return s;
    // The local audit trail holds before/after values of the removed rows.
    if (Status s = exec(QStringLiteral("DELETE FROM audit_log")); !s)
        return s;
    // A bootstrap cut short left its bulk-loaded tables without their secondary indexes: back they come.
    Replica replica(db, MutationRegistry::standard(), RowCodecRegistry::standard());
    auto bootstrap = replica.bootstrap();
    if (!bootstrap)
        return bootstrap.error();
    for (const QString& entity : bootstrap->bulk) {
        if (const RowCodec* codec = RowCodecRegistry::standard().find(entity); codec) {
            for (int step = 0;; ++step) {
                auto more = codec->bulkEnd(conn, step);
                if (!more)
                    return more.error();
                if (!more.value())
                    break;
            }
        }
    }
    if (Status s = meta::set(conn, {{Replica::kCursorKey, QStringLiteral("0")}, {Replica::kBootstrapKey, QString()}}); !s)
        return s;
    return tx.commit();
}

} // namespace outpost
