// The server's PostgreSQL storage on a real PostgreSQL (scripts/with-postgres.sh): the team schema's
// counterparts, the dialect helpers the mutators use, and commit-ordered change-log positions.
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "mutations/Outbox.h"
#include "replication/RowCodec.h"
#include "service/SyncService.h"
#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "storage/PgDriver.h"
#include "storage/SqlDialect.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include "ContactArgs.h"
#include "TempDir.h"
#include "TestPostgres.h"
#include "TestWorkspace.h"
#include "Wait.h"

#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

using namespace outpost;
using namespace outpost::server;

namespace {

std::unique_ptr<Database> openPostgres(const test::TestPostgresDatabase& pg, const QString& schema, MigrationList migrations)
{
    Database::Options o;
    o.postgresUrl = pg.url();
    o.postgresSchema = schema;
    o.migrations = std::move(migrations);
    o.durability = Database::Durability::Full;
    auto db = Database::open(std::move(o));
    EXPECT_TRUE(db.ok()) << db.message().toStdString();
    return db.ok() ? std::move(db.value()) : nullptr;
}

std::unique_ptr<Database> openTeam(const test::TestPostgresDatabase& pg, const QString& schema = QStringLiteral("team_test"))
{
    auto migrations = postgresTeamMigrations();
    EXPECT_TRUE(migrations.ok()) << migrations.message().toStdString();
    return migrations.ok() ? openPostgres(pg, schema, migrations.value()) : nullptr;
}

// table -> its columns, as the database describes itself
using Shape = std::map<QString, std::set<QString>>;

Shape sqliteShape(Database& db)
{
    Shape shape;
    QSqlDatabase conn = db.connection();
    QSqlQuery tables(conn);
    EXPECT_TRUE(tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")));
    while (tables.next()) {
        const QString table = tables.value(0).toString();
        QSqlQuery cols(conn);
        EXPECT_TRUE(cols.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)));
        while (cols.next())
            shape[table].insert(cols.value(1).toString());
    }
    return shape;
}

Shape postgresShape(Database& db)
{
    Shape shape;
    QSqlQuery q(db.connection());
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT table_name, column_name FROM information_schema.columns "
                                      "WHERE table_schema = current_schema()")))
        << q.lastError().text().toStdString();
    while (q.next())
        shape[q.value(0).toString()].insert(q.value(1).toString());
    return shape;
}

} // namespace

// Loud when forgotten: a client migration or server step added without its PostgreSQL counterpart fails here
// (and a server on PostgreSQL refuses to open team databases, naming the step).
TEST(TeamSchema, EveryStepHasAPostgresCounterpart)
{
    auto team = postgresTeamMigrations();
    ASSERT_TRUE(team.ok()) << team.message().toStdString();
    ASSERT_EQ(team->size(), teamMigrations().size());
    for (std::size_t i = 0; i < team->size(); ++i)
        EXPECT_EQ(team->at(i).version, teamMigrations().at(i).version);
    auto control = postgresControlMigrations();
    ASSERT_TRUE(control.ok()) << control.message().toStdString();
    EXPECT_EQ(control->size(), controlMigrations().size());
}

// Each counterpart makes the same tables with the same columns as its SQLite step (the full-text table
// aside: the server drops it), so mutators and codecs find on PostgreSQL what they find on SQLite.
TEST(PostgresStorage, TheTeamSchemaHasTheSameTablesAndColumnsAsOnSqlite)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    auto onPostgres = openTeam(pg);
    ASSERT_TRUE(onPostgres);

    test::TempDir dir;
    Database::Options o;
    o.path = dir.filePath(QStringLiteral("team.db"));
    o.mode = Database::OpenMode::CreateNew;
    o.migrations = teamMigrations();
    auto onSqlite = Database::open(std::move(o));
    ASSERT_TRUE(onSqlite.ok()) << onSqlite.message().toStdString();

    EXPECT_EQ(postgresShape(*onPostgres), sqliteShape(**onSqlite));
    EXPECT_EQ(onPostgres->schemaVersion(), (*onSqlite)->schemaVersion());
}

TEST(PostgresStorage, ReopeningAppliesNothingTwiceAndTeamsLiveInTheirOwnSchemas)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    {
        auto a = openTeam(pg, QStringLiteral("team_a"));
        ASSERT_TRUE(a);
        QSqlQuery q(a->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('k', 'in a')"))) << q.lastError().text().toStdString();
    }
    auto again = openTeam(pg, QStringLiteral("team_a"));
    ASSERT_TRUE(again);
    auto b = openTeam(pg, QStringLiteral("team_b"));
    ASSERT_TRUE(b);
    QSqlQuery qa(again->connection());
    ASSERT_TRUE(qa.exec(QStringLiteral("SELECT count(*) FROM meta")) && qa.next());
    EXPECT_EQ(qa.value(0).toInt(), 1);
    QSqlQuery qb(b->connection());
    ASSERT_TRUE(qb.exec(QStringLiteral("SELECT count(*) FROM meta")) && qb.next());
    EXPECT_EQ(qb.value(0).toInt(), 0);
}

TEST(PostgresStorage, AStepThisBuildDoesNotKnowIsRefusedUntouched)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    MigrationList newer{{1, QStringLiteral("one"), QStringLiteral("CREATE TABLE t1 (a BIGINT)"), {}},
                        {2, QStringLiteral("two"), QStringLiteral("CREATE TABLE t2 (a BIGINT)"), {}}};
    ASSERT_TRUE(openPostgres(pg, QStringLiteral("s"), newer));
    Database::Options o;
    o.postgresUrl = pg.url();
    o.postgresSchema = QStringLiteral("s");
    o.migrations = {newer.front()};
    auto older = Database::open(std::move(o));
    ASSERT_FALSE(older.ok());
    EXPECT_EQ(older.error().code, ErrorCode::SchemaTooNew);
}

TEST(PostgresStorage, ABadUrlGetsAClearError)
{
    Database::Options o;
    o.postgresUrl = QStringLiteral("mysql://u@h/db");
    o.postgresSchema = QStringLiteral("s");
    auto db = Database::open(std::move(o));
    ASSERT_FALSE(db.ok());
    EXPECT_TRUE(db.message().contains(QStringLiteral("postgresql://"))) << db.message().toStdString();
}

TEST(PostgresStorage, RowCountTriggersFollowInsertsAndDeletes)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    auto db = openTeam(pg);
    ASSERT_TRUE(db);
    ManualClock clock{1'700'000'000'000};
    QSqlDatabase conn = db->connection();
    const QString kept = newUuidV7(), gone = newUuidV7();
    for (const QString& id : {kept, gone}) {
        Mutation m;
        m.id = newUuidV7();
        m.name = QStringLiteral("contact.create");
        m.version = 1;
        m.args = test::contactCreateArgs(id, QStringLiteral("Count"), QStringLiteral("Me"));
        m.actor = QStringLiteral("u");
        MutationContext ctx(conn, m, clock.nowMs());
        const Status applied = MutationRegistry::standard().find(m.name, 1)->apply(ctx);
        ASSERT_TRUE(applied.ok()) << applied.message().toStdString();
    }
    QSqlQuery del(conn);
    del.prepare(QStringLiteral("DELETE FROM contacts WHERE id = ?"));
    del.addBindValue(gone);
    ASSERT_TRUE(del.exec());
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 1);
}

// The helpers give PostgreSQL what SQLite's conflict clauses and row ids do.
TEST(PostgresStorage, DialectHelpersBehaveLikeSqlite)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    auto db = openTeam(pg);
    ASSERT_TRUE(db);
    QSqlDatabase conn = db->connection();
    EXPECT_TRUE(isPostgres(conn));

    const QString insert = QStringLiteral("INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)");
    for (const char* value : {"first", "second"}) {
        QSqlQuery q(conn);
        q.prepare(sql::forDialect(conn, insert));
        q.addBindValue(QStringLiteral("k"));
        q.addBindValue(QLatin1String(value));
        ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();
    }
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'k'")) && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("first"));

    QList<qint64> keys;
    for (int i = 0; i < 2; ++i) {
        QSqlQuery ins(conn);
        ins.prepare(sql::returningKey(conn,
                                      QStringLiteral("INSERT INTO contacts(id, sort_key, created_at, updated_at, updated_by) "
                                                     "VALUES(?, 's', 1, 1, 'u')"),
                                      QStringLiteral("rid")));
        ins.addBindValue(newUuidV7());
        ASSERT_TRUE(ins.exec()) << ins.lastError().text().toStdString();
        keys << sql::insertedKey(ins);
    }
    EXPECT_GT(keys.at(0), 0);
    EXPECT_EQ(keys.at(1), keys.at(0) + 1);

    EXPECT_TRUE(sql::tableExists(conn, QStringLiteral("sync_changes")));
    EXPECT_FALSE(sql::tableExists(conn, QStringLiteral("contacts_fts")));
    EXPECT_EQ(sql::forDialect(conn, QStringLiteral("UPDATE OR FAIL contacts SET city = ?")), QStringLiteral("UPDATE contacts SET city = ?"));
}

// A reader must never move its cursor past a position whose push has not committed yet. A push in flight
// (here: a transaction that holds the team's writer lock and has drawn a position) makes every other push
// wait, so positions commit in the order they were drawn.
TEST(PostgresStorage, ConnectionsPrepareEachStatementOnceThroughOurDriver)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    auto db = openTeam(pg);
    ASSERT_TRUE(db);
    QSqlDatabase conn = db->connection();
    EXPECT_EQ(conn.driverName(), QString::fromLatin1(PgDriver::Name));

    auto preparedCount = [&] {
        QSqlQuery q(conn);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM pg_prepared_statements")) && q.next());
        return q.value(0).toInt();
    };
    const int before = preparedCount();
    for (int i = 0; i < 5; ++i) {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?)"));
        q.addBindValue(QStringLiteral("k%1").arg(i));
        q.addBindValue(QStringLiteral("it's a '?' in text"));
        ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();
        EXPECT_EQ(q.numRowsAffected(), 1);
    }
    EXPECT_EQ(preparedCount(), before + 1); // one statement for the five inserts, kept by the connection

    QSqlQuery bad(conn);
    bad.prepare(QStringLiteral("SELECT no_such_column FROM meta WHERE key = ?"));
    bad.addBindValue(QStringLiteral("k0"));
    EXPECT_FALSE(bad.exec());
    EXPECT_TRUE(bad.lastError().text().contains(QStringLiteral("no_such_column"))) << bad.lastError().text().toStdString();
}

TEST(PostgresStorage, BoundValuesReadBackAsQtPostgresDriverReadsThem)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    auto db = openTeam(pg);
    ASSERT_TRUE(db);
    QSqlDatabase conn = db->connection();
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("CREATE TEMP TABLE t(i BIGINT, s TEXT, b BYTEA, f DOUBLE PRECISION, ok BOOLEAN)")));
    const QByteArray bytes("\x00\x01\xff'?\\", 6);
    q.prepare(QStringLiteral("INSERT INTO t VALUES(?, ?, ?, ?, ?), (?, ?, ?, ?, ?)"));
    for (const QVariant& v : {QVariant(qint64(1) << 40), QVariant(QStringLiteral("ünïcode")), QVariant(bytes), QVariant(0.25),
                              QVariant(true)})
        q.addBindValue(v);
    // NULL: an invalid variant, a null QString (as QPSQL binds it; sql::text binds '' instead), a typed null.
    for (const QVariant& v : {QVariant(), QVariant(QString()), QVariant(QMetaType::fromType<QByteArray>()),
                              QVariant(QMetaType::fromType<double>()), QVariant(QMetaType::fromType<bool>())})
        q.addBindValue(v);
    ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();

    ASSERT_TRUE(q.exec(QStringLiteral("SELECT i, s, b, f, ok FROM t ORDER BY i NULLS LAST")));
    EXPECT_EQ(q.size(), 2);
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toLongLong(), qint64(1) << 40);
    EXPECT_EQ(q.value(0).metaType(), QMetaType::fromType<qlonglong>());
    EXPECT_EQ(q.value(1).toString(), QStringLiteral("ünïcode"));
    EXPECT_EQ(q.value(2).toByteArray(), bytes);
    EXPECT_EQ(q.value(3).toDouble(), 0.25);
    EXPECT_TRUE(q.value(4).toBool());
    ASSERT_TRUE(q.next());
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(q.isNull(i)) << i;
    EXPECT_FALSE(q.next());
    EXPECT_TRUE(q.seek(0)); // results are held whole: scrollable
    EXPECT_EQ(q.value(1).toString(), QStringLiteral("ünïcode"));
}

TEST(PostgresStorage, ChangeLogPositionsAreCommitOrdered)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    auto db = openTeam(pg);
    ASSERT_TRUE(db);
    ManualClock clock{1'700'000'000'000};
    SyncService service(*db, MutationRegistry::standard(), RowCodecRegistry::standard(), clock);

    // The push in flight, on a connection of its own.
    auto inFlight = openTeam(pg);
    ASSERT_TRUE(inFlight);
    QSqlDatabase slow = inFlight->connection();
    QSqlQuery s(slow);
    ASSERT_TRUE(s.exec(QStringLiteral("BEGIN")));
    ASSERT_TRUE(s.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1, hashtext(current_schema()))").arg(Transaction::kPostgresWriterLockClass)));
    ASSERT_TRUE(s.exec(QStringLiteral("INSERT INTO sync_changes(entity, entity_id, deleted) VALUES('contact', 'in-flight', 1) "
                                      "RETURNING seq")) && s.next());
    const qint64 drawnFirst = s.value(0).toLongLong();
    s.finish();

    test::TestDatabase local;
    MutationEngine engine(*local.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(engine.initialize().ok());
    ASSERT_TRUE(engine.submit(QStringLiteral("contact.create"),
                              test::contactCreateArgs(newUuidV7(), QStringLiteral("Later"), QStringLiteral("Push")))
                    .ok());
    Principal who{QStringLiteral("ana"), QStringLiteral("ana"), QStringLiteral("owner"), QStringLiteral("t"), engine.deviceId()};
    wire::PushRequest req;
    req.deviceId = who.deviceId;
    QSqlDatabase localConn = local.db->connection();
    req.mutations = Outbox::pending(localConn, 10).value();

    std::atomic<bool> pushed = false;
    std::thread pusher([&] {
        auto r = service.push(who, req);
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        db->releaseThreadConnection();
        pushed = true;
    });
    // The second push waits for the lock (PostgreSQL shows it waiting) ...
    QSqlQuery waiting(db->connection());
    EXPECT_TRUE(test::waitUntil(
        [&] {
            return waiting.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))
                   && waiting.next() && waiting.value(0).toInt() == 1;
        },
        30000));
    EXPECT_FALSE(pushed);
    // ... so a reader now sees only what committed before, and nothing beyond the in-flight position.
    auto page = service.pull(who, 0, 100);
    ASSERT_TRUE(page.ok()) << page.message().toStdString();
    EXPECT_TRUE(page->changes.isEmpty());

    ASSERT_TRUE(s.exec(QStringLiteral("COMMIT")));
    pusher.join();
    ASSERT_TRUE(pushed);
    page = service.pull(who, 0, 100);
    ASSERT_TRUE(page.ok()) << page.message().toStdString();
    ASSERT_EQ(page->changes.size(), 2);
    EXPECT_EQ(page->changes.at(0).seq, drawnFirst);
    EXPECT_GT(page->changes.at(1).seq, drawnFirst);
    EXPECT_EQ(page->changes.at(1).state.entity, QStringLiteral("contact"));
}

// sql::writeMark on PostgreSQL tells whether some work wrote, as sqlite3_total_changes does on SQLite: the
// server answers a mutator's refusal without running the push again when the mark did not move. A failed
// statement moves it too (it ends the transaction, so it must be undone like a write).
TEST(PostgresStorage, TheWriteMarkMovesOnWrittenRowsAndFailedStatementsOnly)
{
    test::TestPostgresDatabase pg;
    ASSERT_TRUE(pg.isReady()) << pg.error().toStdString();
    auto db = openPostgres(pg, QStringLiteral("marks"), {});
    ASSERT_TRUE(db);
    QSqlDatabase conn = db->connection();
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)")));
    const auto mark = [&] { return sql::writeMark(conn); };
    ASSERT_TRUE(mark().has_value());

    auto run = [&](const QString& sqlText) {
        QSqlQuery s(conn);
        s.prepare(sqlText);
        return s.exec();
    };
    qint64 before = *mark();
    ASSERT_TRUE(run(QStringLiteral("INSERT INTO t(id, v) VALUES(1, 'a'), (2, 'b')")));
    EXPECT_EQ(*mark(), before + 2);
    before = *mark();
    ASSERT_TRUE(run(QStringLiteral("SELECT id, v FROM t")));
    ASSERT_TRUE(run(QStringLiteral("UPDATE t SET v = 'c' WHERE id = 99")));
    ASSERT_TRUE(run(QStringLiteral("INSERT INTO t(id, v) VALUES(1, 'a') ON CONFLICT DO NOTHING")));
    EXPECT_EQ(*mark(), before) << "reads and statements that change no row leave the mark";
    ASSERT_TRUE(run(QStringLiteral("UPDATE t SET v = 'd' WHERE id = 2")));
    EXPECT_EQ(*mark(), before + 1);
    before = *mark();
    EXPECT_FALSE(run(QStringLiteral("INSERT INTO t(id, v) VALUES(1, 'again')")));
    EXPECT_GT(*mark(), before) << "a failed statement counts: it ends the transaction";
    before = *mark();
    EXPECT_FALSE(run(QStringLiteral("UPDATE t SET v = 'e' WHERE missing_column = 1")));
    EXPECT_GT(*mark(), before) << "a statement PostgreSQL refuses to prepare counts too: it ends the transaction";
    before = *mark();
    ASSERT_TRUE(run(QStringLiteral("DELETE FROM t")));
    EXPECT_EQ(*mark(), before + 2);
}
