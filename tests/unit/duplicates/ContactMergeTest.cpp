// Merging duplicates (contact.merge through ContactMerger), bulk merges, and the exact-or-nothing undo
// (contact.unmerge through MergeHistory): both records and their links come back exactly.
#include "contacts/ContactMerge.h"
#include "customfields/CustomField.h"

#include "duplicates/ContactMerger.h"
#include "duplicates/DuplicateContacts.h"
#include "duplicates/MergeHistory.h"
#include "DuplicateTestSupport.h"

#include <QSignalSpy>

using namespace outpost;
using namespace outpost::test;

namespace {

class ContactMergeTest : public DuplicateFixture
{
protected:
    void seed()
    {
        keepId = add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Zoë")},
                                 {QStringLiteral("lastName"), QStringLiteral("Lindqvist")},
                                 {QStringLiteral("email"), QStringLiteral("zoe@lindqvist.example")},
                                 {QStringLiteral("city"), QStringLiteral("Uppsala")},
                                 {QStringLiteral("notes"), QStringLiteral("met at the fair")},
                                 {QStringLiteral("ownerId"), QStringLiteral("ana")}});
        removeId = add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Zoe")},
                                   {QStringLiteral("lastName"), QStringLiteral("Lindqvist")},
                                   {QStringLiteral("email"), QStringLiteral("ZOE@lindqvist.example")},
                                   {QStringLiteral("phone"), QStringLiteral("+46 70 111 22 33")},
                                   {QStringLiteral("company"), QStringLiteral("Lindqvist Design AB")},
                                   {QStringLiteral("notes"), QStringLiteral("prefers e-mail")},
                                   {QStringLiteral("ownerId"), QStringLiteral("ben")}});
        otherId = add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Unrelated")},
                                  {QStringLiteral("lastName"), QStringLiteral("Person")}});
        shareMoved = share(removeId, QStringLiteral("carl"));
        shareDropped =
            share(removeId, QStringLiteral("dora")); // the kept contact is shared with dora already
        shareKept = share(keepId, QStringLiteral("dora"));
        share(otherId, QStringLiteral("carl"));
        distributorId = distributor(removeId);
        distributor(otherId);
        clock.advance(60'000);
    }

    ContactMerger::Request request() const
    {
        ContactMerger::Request r;
        r.keepId = keepId;
        r.removeId = removeId;
        r.values = {{QStringLiteral("phone"), QStringLiteral("+46 70 111 22 33")},
                    {QStringLiteral("company"), QStringLiteral("Lindqvist Design AB")},
                    {QStringLiteral("notes"), QStringLiteral("met at the fair\n\nprefers e-mail")}};
        r.score = 90;
        return r;
    }

    QString contactOfShare(const QString& shareId)
    {
        QSqlQuery q(t.db->connection());
        q.prepare(QStringLiteral("SELECT contact_id FROM contact_shares WHERE id = ?"));
        q.addBindValue(shareId);
        EXPECT_TRUE(q.exec());
        return q.next() ? q.value(0).toString() : QStringLiteral("(none)");
    }

    QString contactOfDistributor(const QString& id)
    {
        QSqlQuery q(t.db->connection());
        q.prepare(QStringLiteral("SELECT coalesce(contact_id, '(null)') FROM distributors WHERE id = ?"));
        q.addBindValue(id);
        EXPECT_TRUE(q.exec());
        return q.next() ? q.value(0).toString() : QStringLiteral("(none)");
    }

    qint64 searchCount(const QString& text)
    {
        auto n = ContactRepository(*t.db).searchCount(ContactQuery::parse(text));
        EXPECT_TRUE(n.ok());
        return n.ok() ? n.value() : -1;
    }

    QString keepId, removeId, otherId, shareMoved, shareDropped, shareKept, distributorId;
};

TEST_F(ContactMergeTest, MergeKeepsOneWithThePickedValuesAndMovesTheLinks)
{
    seed();
    const qint64 outboxBefore = count(QStringLiteral("SELECT count(*) FROM outbox"));
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    ContactMerger merger(*t.db, *engine);
    auto r = merger.merge(request());
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(spy.count(), 1);

    auto kept = DuplicateContacts::byId(t.db->connection(), keepId);
    ASSERT_TRUE(kept.ok() && kept->has_value());
    EXPECT_EQ(kept.value()->firstName, QStringLiteral("Zoë"));
    EXPECT_EQ(kept.value()->phone, QStringLiteral("+46 70 111 22 33"));
    EXPECT_EQ(kept.value()->company, QStringLiteral("Lindqvist Design AB"));
    EXPECT_EQ(kept.value()->notes, QStringLiteral("met at the fair\n\nprefers e-mail"));
    EXPECT_EQ(kept.value()->ownerId, QStringLiteral("ana"));
    EXPECT_FALSE(DuplicateContacts::byId(t.db->connection(), removeId)->has_value());

    EXPECT_EQ(contactOfShare(shareMoved), keepId);
    EXPECT_EQ(contactOfShare(shareDropped), QStringLiteral("(none)"));
    EXPECT_EQ(contactOfShare(shareKept), keepId);
    EXPECT_EQ(contactOfDistributor(distributorId), keepId);
    EXPECT_EQ(searchCount(QStringLiteral("lindqvist design")), 1); // the search index follows

    // One mutation, synced like any other, audited row by row.
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), outboxBefore + 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox WHERE name = 'contact.merge'")), 1);
    QSqlQuery audit(t.db->connection());
    ASSERT_TRUE(
        audit.exec(QStringLiteral("SELECT entity, action, entity_id, before, after FROM audit_log WHERE "
                                  "mutation = 'contact.merge@1' ORDER BY seq")));
    QStringList actions;
    while (audit.next()) {
        actions << audit.value(0).toString() + QLatin1Char(':') + audit.value(1).toString();
        if (audit.value(0).toString() == QLatin1String("contact") &&
            audit.value(1).toString() == QLatin1String("delete")) {
            EXPECT_TRUE(
                audit.value(3).toString().contains(QStringLiteral("prefers e-mail"))); // full state before
        }
    }
    EXPECT_EQ(actions, (QStringList{QStringLiteral("contact:update"), QStringLiteral("contact_share:update"),
                                    QStringLiteral("contact_share:delete"),
                                    QStringLiteral("distributor:update"), QStringLiteral("contact:delete")}));
}

TEST_F(ContactMergeTest, MergeThenUndoRestoresBothRecordsAndTheirLinks)
{
    seed();
    const QStringList before = fullDump();
    ContactMerger merger(*t.db, *engine);
    auto r = merger.merge(request());
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    ASSERT_NE(fullDump(), before);
    clock.advance(60'000);

    MergeHistory history(*t.db, *engine);
    auto last = history.lastActive();
    ASSERT_TRUE(last.ok() && last->has_value());
    EXPECT_EQ(last.value()->id, r->batchId);
    EXPECT_EQ(last.value()->keptName, QStringLiteral("Zoë Lindqvist"));
    EXPECT_EQ(last.value()->merges, 1);

    const qint64 outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    auto u = history.undo(r->batchId);
    ASSERT_TRUE(u.ok()) << u.message().toStdString();
    EXPECT_EQ(u->restored, 1);
    EXPECT_EQ(spy.count(), 1);
    EXPECT_EQ(fullDump(), before); // contacts (with creation times), shares, distributor links
    EXPECT_EQ(searchCount(QStringLiteral("lindqvist design")), 1); // the re-created one is searchable again
    EXPECT_EQ(searchCount(QStringLiteral("lindqvist")), 2);
    // Through a mutation, so it syncs.
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox WHERE name = 'contact.unmerge'")), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox + 1);
    EXPECT_TRUE(history.find(r->batchId)->undone);
    EXPECT_FALSE(history.lastActive()->has_value());

    auto again = history.undo(r->batchId);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.code(), ErrorCode::Conflict);
}

TEST_F(ContactMergeTest, UndoIsRefusedAfterALaterEditAndChangesNothing)
{
    seed();
    ContactMerger merger(*t.db, *engine);
    auto r = merger.merge(request());
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(engine
                    ->submit(QStringLiteral("contact.update"),
                             QJsonObject{{QStringLiteral("id"), keepId},
                                         {QStringLiteral("set"),
                                          QJsonObject{{QStringLiteral("city"), QStringLiteral("Malmö")}}}})
                    .ok());
    const QStringList state = fullDump();
    const qint64 outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    MergeHistory history(*t.db, *engine);
    auto u = history.undo(r->batchId);
    ASSERT_FALSE(u.ok());
    EXPECT_EQ(u.code(), ErrorCode::Conflict);
    EXPECT_TRUE(u.message().contains(QStringLiteral("\u201cZoë Lindqvist\u201d was edited since")))
        << u.message().toStdString();
    EXPECT_TRUE(u.message().contains(QStringLiteral("Nothing was undone"))) << u.message().toStdString();
    EXPECT_EQ(fullDump(), state);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);
    EXPECT_FALSE(history.find(r->batchId)->undone);

    // Reverting the edit makes the undo possible again.
    ASSERT_TRUE(engine
                    ->submit(QStringLiteral("contact.update"),
                             QJsonObject{{QStringLiteral("id"), keepId},
                                         {QStringLiteral("set"),
                                          QJsonObject{{QStringLiteral("city"), QStringLiteral("Uppsala")}}}})
                    .ok());
    EXPECT_TRUE(history.undo(r->batchId).ok());
}

TEST_F(ContactMergeTest, UndoIsRefusedWhenALinkChangedSince)
{
    seed();
    ContactMerger merger(*t.db, *engine);
    auto r = merger.merge(request());
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(
        engine->submit(QStringLiteral("contact.unshare"), QJsonObject{{QStringLiteral("id"), shareMoved}})
            .ok());
    MergeHistory history(*t.db, *engine);
    auto u = history.undo(r->batchId);
    ASSERT_FALSE(u.ok());
    EXPECT_EQ(u.code(), ErrorCode::Conflict);
    EXPECT_TRUE(u.message().contains(QStringLiteral("sharing"))) << u.message().toStdString();
}

TEST_F(ContactMergeTest, LaterMergeMustBeUndoneFirst)
{
    seed();
    const QStringList before = fullDump();
    ContactMerger merger(*t.db, *engine);
    auto first = merger.merge(request());
    ASSERT_TRUE(first.ok());
    ContactMerger::Request second;
    second.keepId = otherId;
    second.removeId = keepId;
    auto later = merger.merge(second);
    ASSERT_TRUE(later.ok()) << later.message().toStdString();
    MergeHistory history(*t.db, *engine);
    auto refused = history.undo(first->batchId);
    EXPECT_EQ(refused.code(), ErrorCode::Conflict);
    EXPECT_TRUE(refused.message().contains(QStringLiteral("was deleted since")))
        << refused.message().toStdString();
    ASSERT_TRUE(history.undo(later->batchId).ok());
    ASSERT_TRUE(history.undo(first->batchId).ok());
    EXPECT_EQ(fullDump(), before);
}

TEST_F(ContactMergeTest, BadRequestsChangeNothing)
{
    seed();
    const QStringList state = fullDump();
    ContactMerger merger(*t.db, *engine);
    ContactMerger::Request self = request();
    self.removeId = keepId;
    EXPECT_EQ(merger.merge(self).code(), ErrorCode::InvalidArgument);
    ContactMerger::Request missing = request();
    missing.removeId = newUuidV7();
    EXPECT_EQ(merger.merge(missing).code(), ErrorCode::NotFound);
    ContactMerger::Request field = request();
    field.values.insert(QStringLiteral("shoeSize"), QStringLiteral("42"));
    EXPECT_EQ(merger.merge(field).code(), ErrorCode::InvalidArgument);
    ContactMerger::Request value = request();
    value.values.insert(QStringLiteral("email"), QStringLiteral("not an address"));
    auto bad = merger.merge(value);
    EXPECT_EQ(bad.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(bad.message().contains(QStringLiteral("not a valid e-mail"))) << bad.message().toStdString();
    EXPECT_EQ(fullDump(), state);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM merge_batches")), 0);
    MergeHistory history(*t.db, *engine);
    EXPECT_EQ(history.undo(newUuidV7()).code(), ErrorCode::NotFound);
}

TEST_F(ContactMergeTest, MutatorsAreReplaySafe)
{
    seed();
    const QJsonObject merge{
        {QStringLiteral("keepId"), keepId},
        {QStringLiteral("removeId"), removeId},
        {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Lund")}}}};
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.merge"), merge).ok());
    const QStringList merged = fullDump();
    ASSERT_TRUE(
        engine->submit(QStringLiteral("contact.merge"), merge).ok()); // a replay: nothing more happens
    EXPECT_EQ(fullDump(), merged);
    EXPECT_EQ(engine
                  ->submit(QStringLiteral("contact.merge"), QJsonObject{{QStringLiteral("keepId"), removeId},
                                                                        {QStringLiteral("removeId"), keepId}})
                  .code(),
              ErrorCode::NotFound); // the contact to keep is gone
    EXPECT_EQ(engine
                  ->submit(QStringLiteral("contact.merge"), QJsonObject{{QStringLiteral("keepId"), keepId},
                                                                        {QStringLiteral("removeId"), keepId}})
                  .code(),
              ErrorCode::InvalidArgument);
}

TEST_F(ContactMergeTest, BulkMergeOfConfidentPairsAndItsUndo)
{
    addDemo(400);
    // Three entries of one person, and two pairs, all confident; one pair below the threshold.
    const QString a1 =
        add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ingrid")},
                        {QStringLiteral("lastName"), QStringLiteral("Solbakken")},
                        {QStringLiteral("email"), QStringLiteral("ingrid@solbakken.example")}});
    const QString a2 = add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ingrid")},
                                       {QStringLiteral("lastName"), QStringLiteral("Solbakken")},
                                       {QStringLiteral("email"), QStringLiteral("INGRID@solbakken.example")},
                                       {QStringLiteral("phone"), QStringLiteral("+47 912 34 567")}});
    const QString a3 =
        add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ingrid")},
                        {QStringLiteral("lastName"), QStringLiteral("Solbakken")},
                        {QStringLiteral("phone"), QStringLiteral("912 34 567")},
                        {QStringLiteral("email"), QStringLiteral("ingrid@solbakken.example")}});
    share(a3, QStringLiteral("erik"));
    distributor(a2);
    add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Teodor")},
                    {QStringLiteral("lastName"), QStringLiteral("Vasquez")},
                    {QStringLiteral("company"), QStringLiteral("Vasquez Importaciones")},
                    {QStringLiteral("phone"), QStringLiteral("+52 55 1234 5678")}});
    add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Teodor")},
                    {QStringLiteral("lastName"), QStringLiteral("Vasquez")},
                    {QStringLiteral("company"), QStringLiteral("Vasquez Importaciones S.A.")},
                    {QStringLiteral("phone"), QStringLiteral("55 1234 5678")}});
    add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Halvard")},
                    {QStringLiteral("lastName"), QStringLiteral("Brekke")},
                    {QStringLiteral("company"), QStringLiteral("Fjordkraft")},
                    {QStringLiteral("street"), QStringLiteral("Kaigata 1")},
                    {QStringLiteral("postalCode"), QStringLiteral("5016")}});
    add(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Halvard")},
                    {QStringLiteral("lastName"), QStringLiteral("Brekkke")},
                    {QStringLiteral("company"), QStringLiteral("Fjordkraft")},
                    {QStringLiteral("street"), QStringLiteral("Kaigata 1")},
                    {QStringLiteral("postalCode"), QStringLiteral("5016")}});
    clock.advance(60'000);
    const QStringList before = fullDump();
    const qint64 contactsBefore = count(QStringLiteral("SELECT count(*) FROM contacts"));

    auto scanned = scan();
    ASSERT_TRUE(scanned.ok());
    qint64 confident = 0;
    for (const DuplicatePair& p : scanned->pairs)
        confident += p.score >= DuplicateScoring::kConfidentScore ? 1 : 0;
    ASSERT_GE(confident, 4); // the three Ingrids pairwise, and Teodor

    ContactMerger merger(*t.db, *engine);
    qint64 lastDone = 0;
    ContactMerger::BulkOptions o;
    o.progress = [&](qint64 done, qint64) { lastDone = done; };
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    auto r = merger.mergeAll(scanned->pairs, o);
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(spy.count(), 1);
    EXPECT_EQ(r->merged, 3);  // Ingrid ×3 → one, Teodor ×2 → one
    EXPECT_EQ(r->skipped, 1); // the third Ingrid pair: one of it was merged away already
    EXPECT_EQ(r->failed, 0);
    EXPECT_EQ(lastDone, confident);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contacts")), contactsBefore - 3);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contacts WHERE last_name = 'Solbakken'")), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contacts WHERE last_name LIKE 'Brekk%'")),
              2); // not confident
    EXPECT_EQ(
        count(QStringLiteral("SELECT count(*) FROM contact_shares s JOIN contacts c ON c.id = s.contact_id "
                             "WHERE c.last_name = 'Solbakken'")),
        1);
    EXPECT_EQ(
        count(QStringLiteral("SELECT count(*) FROM distributors d JOIN contacts c ON c.id = d.contact_id "
                             "WHERE c.last_name = 'Solbakken'")),
        1);

    // A second run finds nothing confident any more.
    auto rescanned = scan();
    ASSERT_TRUE(rescanned.ok());
    for (const DuplicatePair& p : rescanned->pairs)
        EXPECT_LT(p.score, DuplicateScoring::kConfidentScore);

    MergeHistory history(*t.db, *engine);
    auto info = history.find(r->batchId);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->kind, QStringLiteral("bulk"));
    EXPECT_EQ(info->merges, 3);
    auto u = history.undo(r->batchId);
    ASSERT_TRUE(u.ok()) << u.message().toStdString();
    EXPECT_EQ(u->restored, 3);
    EXPECT_EQ(fullDump(), before);
    EXPECT_EQ(searchCount(QStringLiteral("solbakken")), 3);
}

TEST_F(ContactMergeTest, BulkMergeCancelledLeavesNothing)
{
    addDemo(100);
    for (int i = 0; i < 80; ++i) {
        const QJsonObject f{{QStringLiteral("firstName"), QStringLiteral("Twin%1").arg(i)},
                            {QStringLiteral("lastName"), QStringLiteral("Example")},
                            {QStringLiteral("email"), QStringLiteral("twin%1@example.org").arg(i)}};
        add(f);
        add(f);
    }
    const QStringList before = fullDump();
    auto scanned = scan();
    ASSERT_TRUE(scanned.ok());
    ASSERT_EQ(scanned->pairs.size(), 80);
    std::atomic_bool cancel{false};
    ContactMerger::BulkOptions o;
    o.cancel = &cancel;
    o.progress = [&](qint64, qint64) { cancel = true; }; // cancel once under way
    ContactMerger merger(*t.db, *engine);
    auto r = merger.mergeAll(scanned->pairs, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.code(), ErrorCode::Cancelled);
    EXPECT_EQ(fullDump(), before);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM merge_batches")), 0);
    EXPECT_EQ(searchCount(QStringLiteral("twin79")), 2); // the search index is whole again
}

// The removed contact's custom values go to the kept one where it has none (its own stay); undo gives both
// contacts their values back, and an edit of a custom value since the merge makes the undo refuse.
TEST_F(ContactMergeTest, MergeCarriesCustomValuesAndUndoRestoresThem)
{
    seed();
    auto define = [&](const QString& key, const QString& type) {
        auto m = engine->submit(QStringLiteral("customfield.define"),
                                QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                            {QStringLiteral("entity"), QStringLiteral("contact")},
                                            {QStringLiteral("key"), key},
                                            {QStringLiteral("label"), key},
                                            {QStringLiteral("type"), type}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    define(QStringLiteral("source"), QStringLiteral("text"));
    define(QStringLiteral("seats"), QStringLiteral("number"));
    auto setCustom = [&](const QString& id, const QJsonObject& values) {
        auto m = engine->submit(QStringLiteral("contact.update"),
                                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), values}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    setCustom(keepId, {{QStringLiteral("custom.seats"), 12}});
    setCustom(removeId, {{QStringLiteral("custom.seats"), 40}, {QStringLiteral("custom.source"), QStringLiteral("Fair 2025")}});
    auto customDump = [&] { return dump(QStringLiteral("custom_values"), QStringLiteral("record_id, field_key")); };
    const QStringList before = fullDump() + customDump();

    ContactMerger merger(*t.db, *engine);
    auto r = merger.merge(request());
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    QSqlDatabase conn = t.db->connection();
    auto kept = CustomFields::valuesOf(conn, keepId);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->value(QStringLiteral("custom.seats")).toDouble(), 12); // its own value stays
    EXPECT_EQ(kept->value(QStringLiteral("custom.source")).toString(), QStringLiteral("Fair 2025"));

    MergeHistory history(*t.db, *engine);
    setCustom(keepId, {{QStringLiteral("custom.seats"), 13}});
    auto refused = history.undo(r->batchId);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.message().contains(QStringLiteral("was edited since"))) << refused.message().toStdString();
    setCustom(keepId, {{QStringLiteral("custom.seats"), 12}});

    auto u = history.undo(r->batchId);
    ASSERT_TRUE(u.ok()) << u.message().toStdString();
    EXPECT_EQ(fullDump() + customDump(), before);
}

} // namespace
