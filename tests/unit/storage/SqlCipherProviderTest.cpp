#include "storage/Database.h"
#include "storage/SqlCipherProvider.h"

#include "TempDir.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace outpost;
using outpost::sqlcipher34::ProviderTable;

namespace {

// "x'<64 hex digits>'": a raw 256-bit key, so no PBKDF2 run slows the tests down.
QByteArray rawKey(char fill)
{
    return "x'" + QByteArray(32, fill).toHex() + "'";
}

// A raw SQLCipher connection, keyed with the provider registered at the time of keying.
class Conn
{
public:
    Conn(const QString& path, const QByteArray& key, int pageSize = 0)
    {
        SqlCipherProvider::ensureRegistered();
        m_rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (m_rc == SQLITE_OK)
            m_rc = sqlite3_key(m_db, key.constData(), int(key.size()));
        if (m_rc == SQLITE_OK && pageSize > 0)
            m_rc = exec(QByteArray("PRAGMA cipher_page_size = ") + QByteArray::number(pageSize));
    }
    ~Conn() { sqlite3_close(m_db); }
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    bool ok() const { return m_rc == SQLITE_OK; }
    int exec(const QByteArray& sql) { return sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, nullptr); }
    // The first column of the first row as text; on error "error <code>".
    QByteArray value(const QByteArray& sql)
    {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr);
        QByteArray out;
        if (rc == SQLITE_OK)
            rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW)
            out = QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        else
            out = "error " + QByteArray::number(sqlite3_extended_errcode(m_db) & 0xff);
        sqlite3_finalize(stmt);
        return out;
    }

private:
    sqlite3* m_db = nullptr;
    int m_rc = SQLITE_ERROR;
};

// Several hundred pages of deterministic rows, and the check that reads every one of them back.
constexpr const char* kFill = "CREATE TABLE t(i INTEGER PRIMARY KEY, v TEXT);"
                              "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 600) "
                              "INSERT INTO t SELECT i, printf('%0700d', i) FROM c;";
constexpr const char* kDigest = "SELECT count(*) || ':' || sum(i) || ':' || sum(length(v)) || ':' || max(v) FROM t";
const QByteArray kExpectedDigest = "600:180300:420000:" + QByteArray(697, '0') + "600";

void fill(const QString& path, const QByteArray& key, int pageSize = 0)
{
    Conn c(path, key, pageSize);
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c.exec(kFill), SQLITE_OK);
}

void expectReadable(const QString& path, const QByteArray& key, int pageSize = 0)
{
    Conn c(path, key, pageSize);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c.value("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(c.value(kDigest), kExpectedDigest);
}

QByteArray providerOf(const QString& path, const QByteArray& key)
{
    Conn c(path, key);
    return c.ok() ? c.value("PRAGMA cipher_provider") : QByteArray("open failed");
}

class SqlCipherProviderTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (qgetenv("OUTPOST_SQLCIPHER_PROVIDER").toLower() == "openssl")
            GTEST_SKIP() << "provider switched off by OUTPOST_SQLCIPHER_PROVIDER";
        ASSERT_TRUE(SqlCipherProvider::ensureRegistered());
    }
    void TearDown() override { SqlCipherProvider::setEnabled(true); }

    QString file(const char* name) const { return dir.filePath(QString::fromLatin1(name)); }

    test::TempDir dir;
};

TEST(SqlCipherProviderVersionTest, AcceptsOnly34x)
{
    EXPECT_TRUE(SqlCipherProvider::isSupportedCipherVersion("3.4.1"));
    EXPECT_TRUE(SqlCipherProvider::isSupportedCipherVersion("3.4.2 FIPS"));
    EXPECT_FALSE(SqlCipherProvider::isSupportedCipherVersion("4.5.6 community"));
    EXPECT_FALSE(SqlCipherProvider::isSupportedCipherVersion("3.3.1"));
    EXPECT_FALSE(SqlCipherProvider::isSupportedCipherVersion("3.40.0"));
    EXPECT_FALSE(SqlCipherProvider::isSupportedCipherVersion("3.4."));
    EXPECT_FALSE(SqlCipherProvider::isSupportedCipherVersion(""));
    EXPECT_FALSE(SqlCipherProvider::isSupportedCipherVersion(nullptr));
}

TEST_F(SqlCipherProviderTest, ConnectionsReportOurProviderAndTheCipherVersion)
{
    const QString path = file("p.db");
    fill(path, rawKey('\x11'));
    Conn c(path, rawKey('\x11'));
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c.value("PRAGMA cipher_provider"), SqlCipherProvider::ProviderName);
    EXPECT_TRUE(c.value("PRAGMA cipher_version").startsWith("3.4."));
    EXPECT_FALSE(c.value("PRAGMA cipher_provider_version").isEmpty());
    EXPECT_EQ(c.value("PRAGMA cipher_fips_status"), "0");

    // The same through Database, which keys in its own way and checks cipher_version first.
    Database::Options o;
    o.path = file("d.db");
    o.key = SecretBytes::random(32);
    o.mode = Database::OpenMode::CreateNew;
    auto db = Database::open(std::move(o));
    ASSERT_TRUE(db.ok()) << db.message().toStdString();
    QSqlQuery q(db.value()->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA cipher_provider")) && q.next());
    EXPECT_EQ(q.value(0).toString(), QString::fromLatin1(SqlCipherProvider::ProviderName));
    EXPECT_FALSE(db.value()->cipherVersion().isEmpty());
}

TEST_F(SqlCipherProviderTest, SwitchingOffRegistersTheStockProviderForNewConnections)
{
    const QString path = file("s.db");
    fill(path, rawKey('\x12'));
    Conn ours(path, rawKey('\x12'));
    ASSERT_TRUE(ours.ok());
    EXPECT_FALSE(SqlCipherProvider::setEnabled(false));
    EXPECT_FALSE(SqlCipherProvider::isActive());
    EXPECT_EQ(providerOf(path, rawKey('\x12')), "openssl");
    // A connection keyed before the switch keeps its provider.
    EXPECT_EQ(ours.value("PRAGMA cipher_provider"), SqlCipherProvider::ProviderName);
    EXPECT_EQ(ours.value(kDigest), kExpectedDigest);
    EXPECT_TRUE(SqlCipherProvider::setEnabled(true));
    EXPECT_EQ(providerOf(path, rawKey('\x12')), SqlCipherProvider::ProviderName);
}

// The primitives give the stock provider's bytes, including after re-keying and IV changes.
TEST_F(SqlCipherProviderTest, PrimitivesMatchTheStockOpenSslProvider)
{
    ProviderTable ours {};
    ProviderTable stock {};
    SqlCipherProvider::fillProviderTable(ours);
    ASSERT_EQ(sqlcipher_openssl_setup(&stock), SQLITE_OK);

    void* o = nullptr;
    void* s = nullptr;
    ASSERT_EQ(ours.ctx_init(&o), SQLITE_OK);
    ASSERT_EQ(stock.ctx_init(&s), SQLITE_OK);
    ASSERT_EQ(ours.set_cipher(o, "aes-256-cbc"), SQLITE_OK);
    ASSERT_EQ(stock.set_cipher(s, "aes-256-cbc"), SQLITE_OK);

    EXPECT_STREQ(ours.get_cipher(o), stock.get_cipher(s));
    EXPECT_EQ(ours.get_key_sz(o), stock.get_key_sz(s));
    EXPECT_EQ(ours.get_iv_sz(o), stock.get_iv_sz(s));
    EXPECT_EQ(ours.get_block_sz(o), stock.get_block_sz(s));
    EXPECT_EQ(ours.get_hmac_sz(o), stock.get_hmac_sz(s));
    EXPECT_EQ(ours.get_key_sz(o), 32);
    EXPECT_EQ(ours.get_iv_sz(o), 16);
    EXPECT_EQ(ours.get_hmac_sz(o), 20);
    EXPECT_STREQ(ours.get_provider_name(nullptr), SqlCipherProvider::ProviderName);

    const int size = 4096 - 48; // a page body with 3.4.1's default reserve
    QByteArray plain(size, Qt::Uninitialized);
    ASSERT_EQ(ours.random(o, plain.data(), size), SQLITE_OK);
    for (int round = 0; round < 3; ++round) {
        QByteArray key(32, char(0x40 + round / 2)); // rounds 0/1 share a key: the cached path
        QByteArray iv(16, char(round));
        auto* k = reinterpret_cast<unsigned char*>(key.data());
        auto* v = reinterpret_cast<unsigned char*>(iv.data());
        auto* in = reinterpret_cast<unsigned char*>(plain.data());

        QByteArray a(size, '\0');
        QByteArray b(size, '\0');
        ASSERT_EQ(ours.cipher(o, 1, k, 32, v, in, size, reinterpret_cast<unsigned char*>(a.data())), SQLITE_OK);
        ASSERT_EQ(stock.cipher(s, 1, k, 32, v, in, size, reinterpret_cast<unsigned char*>(b.data())), SQLITE_OK);
        EXPECT_EQ(a, b) << "encrypt, round " << round;
        EXPECT_NE(a, plain);

        QByteArray back(size, '\0');
        ASSERT_EQ(ours.cipher(o, 0, k, 32, v, reinterpret_cast<unsigned char*>(a.data()), size,
                              reinterpret_cast<unsigned char*>(back.data())),
                  SQLITE_OK);
        EXPECT_EQ(back, plain) << "decrypt, round " << round;

        unsigned char pgno[4] = {static_cast<unsigned char>(round), 0, 0, 0};
        QByteArray macA(20, '\0');
        QByteArray macB(20, '\0');
        ASSERT_EQ(ours.hmac(o, k, 32, in, size, pgno, 4, reinterpret_cast<unsigned char*>(macA.data())), SQLITE_OK);
        stock.hmac(s, k, 32, in, size, pgno, 4, reinterpret_cast<unsigned char*>(macB.data()));
        EXPECT_EQ(macA, macB) << "hmac, round " << round;
    }

    const unsigned char pass[] = "correct horse";
    unsigned char salt[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    for (int iterations : {2, 4000}) {
        unsigned char a[32] = {};
        unsigned char b[32] = {};
        ASSERT_EQ(ours.kdf(o, pass, 13, salt, 16, iterations, 32, a), SQLITE_OK);
        stock.kdf(s, pass, 13, salt, 16, iterations, 32, b);
        EXPECT_EQ(QByteArray(reinterpret_cast<char*>(a), 32), QByteArray(reinterpret_cast<char*>(b), 32));
    }

    ours.ctx_free(&o);
    stock.ctx_free(&s);
    EXPECT_EQ(o, nullptr);
}

TEST_F(SqlCipherProviderTest, ContextsCopyCompareAndRejectUnknownCiphers)
{
    ProviderTable t {};
    SqlCipherProvider::fillProviderTable(t);
    void* a = nullptr;
    void* b = nullptr;
    ASSERT_EQ(t.ctx_init(&a), SQLITE_OK);
    ASSERT_EQ(t.ctx_init(&b), SQLITE_OK);
    ASSERT_EQ(t.set_cipher(a, "aes-256-cbc"), SQLITE_OK);
    EXPECT_NE(t.ctx_cmp(a, b), 0); // both the default

    EXPECT_EQ(t.set_cipher(b, "no-such-cipher"), SQLITE_ERROR);
    EXPECT_NE(t.ctx_cmp(a, b), 0); // a failed set keeps the previous cipher
    ASSERT_EQ(t.set_cipher(b, "aes-128-cbc"), SQLITE_OK);
    EXPECT_EQ(t.get_key_sz(b), 16);
    EXPECT_EQ(t.ctx_cmp(a, b), 0);
    ASSERT_EQ(t.ctx_copy(b, a), SQLITE_OK);
    EXPECT_NE(t.ctx_cmp(a, b), 0);
    EXPECT_EQ(t.get_key_sz(b), 32);

    // A key of the wrong size for the cipher is refused, not read past.
    unsigned char key[16] = {};
    unsigned char iv[16] = {};
    unsigned char in[32] = {};
    unsigned char out[32];
    EXPECT_EQ(t.cipher(b, 1, key, 16, iv, in, 32, out), SQLITE_ERROR);
    EXPECT_EQ(t.cipher(b, 1, key, 16, iv, in, 31, out), SQLITE_ERROR); // not whole blocks either

    t.ctx_free(&a);
    t.ctx_free(&b);
    EXPECT_EQ(a, nullptr);
    EXPECT_EQ(t.ctx_free(&a), SQLITE_OK); // freeing twice is harmless
}

TEST_F(SqlCipherProviderTest, FilesWrittenByEitherProviderAreReadByTheOther)
{
    for (int pageSize : {0, 4096}) {
        SCOPED_TRACE(pageSize);
        const QString oursFile = file(pageSize ? "ours4k.db" : "ours.db");
        const QString stockFile = file(pageSize ? "stock4k.db" : "stock.db");

        ASSERT_TRUE(SqlCipherProvider::setEnabled(true));
        fill(oursFile, rawKey('\x21'), pageSize);
        ASSERT_FALSE(SqlCipherProvider::setEnabled(false));
        fill(stockFile, rawKey('\x22'), pageSize);
        expectReadable(oursFile, rawKey('\x21'), pageSize);
        ASSERT_TRUE(SqlCipherProvider::setEnabled(true));
        expectReadable(stockFile, rawKey('\x22'), pageSize);
    }
}

// The sqlcipher shell is a separate process with only the stock provider.
TEST_F(SqlCipherProviderTest, SqlCipherShellReadsOurFilesAndWeReadItsFiles)
{
    const QString shell = QStandardPaths::findExecutable(QStringLiteral("sqlcipher"));
    if (shell.isEmpty())
        GTEST_SKIP() << "the sqlcipher shell is not installed";
    auto runShell = [&](const QString& path, const QByteArray& script) {
        QProcess p;
        p.start(shell, {QStringLiteral("-bail"), path});
        p.write("PRAGMA key = \"" + rawKey('\x31') + "\";\nPRAGMA cipher_page_size = 4096;\n" + script);
        p.closeWriteChannel();
        EXPECT_TRUE(p.waitForFinished(60000));
        EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
        return p.readAllStandardOutput().trimmed();
    };

    const QString ours = file("ours.db");
    fill(ours, rawKey('\x31'), 4096);
    EXPECT_EQ(runShell(ours, QByteArray("PRAGMA integrity_check;\n") + kDigest + ";\nPRAGMA cipher_provider;\n"),
              "ok\n" + kExpectedDigest + "\nopenssl");

    const QString theirs = file("theirs.db");
    runShell(theirs, QByteArray(kFill) + "\n");
    expectReadable(theirs, rawKey('\x31'), 4096);
}

TEST_F(SqlCipherProviderTest, WrongKeyFailsCleanly)
{
    const QString path = file("w.db");
    fill(path, rawKey('\x41'));
    {
        Conn c(path, rawKey('\x42'));
        ASSERT_TRUE(c.ok()); // sqlite3_key does not read the file
        EXPECT_EQ(c.value("SELECT count(*) FROM sqlite_master"), "error " + QByteArray::number(SQLITE_NOTADB));
    }
    expectReadable(path, rawKey('\x41'));

    Database::Options o;
    o.path = file("d.db");
    o.key = SecretBytes::random(32);
    o.mode = Database::OpenMode::CreateNew;
    ASSERT_TRUE(Database::open(o).ok());
    o.key = SecretBytes::random(32);
    o.mode = Database::OpenMode::OpenExisting;
    auto wrong = Database::open(o);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.code(), ErrorCode::WrongKey);
}

TEST_F(SqlCipherProviderTest, FlippedByteInAPageIsDetectedWhenThatPageIsRead)
{
    const QString path = file("t.db");
    fill(path, rawKey('\x51'));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    const qint64 pageSize = 1024; // 3.4.1's default cipher_page_size
    ASSERT_EQ(f.size() % pageSize, 0);
    const qint64 offset = f.size() - pageSize + 300; // inside the last page, a leaf of t
    auto flip = [&] {
        ASSERT_TRUE(f.seek(offset));
        char byte = 0;
        ASSERT_TRUE(f.getChar(&byte));
        ASSERT_TRUE(f.seek(offset));
        ASSERT_TRUE(f.putChar(char(byte ^ 0x01)));
        ASSERT_TRUE(f.flush());
    };
    flip();
    {
        Conn c(path, rawKey('\x51'));
        ASSERT_TRUE(c.ok());
        EXPECT_EQ(c.value("SELECT count(*) FROM sqlite_master"), "1"); // page 1 is intact
        EXPECT_TRUE(c.value(kDigest).startsWith("error ")) << "a tampered page was decrypted";
    }
    flip(); // restored: the failure above was the tampering and nothing else
    expectReadable(path, rawKey('\x51'));
}

TEST_F(SqlCipherProviderTest, RekeyReencryptsForBothProviders)
{
    const QString path = file("r.db");
    fill(path, rawKey('\x61'));
    {
        Conn c(path, rawKey('\x61'));
        ASSERT_TRUE(c.ok());
        ASSERT_EQ(c.exec("PRAGMA rekey = \"" + rawKey('\x62') + "\""), SQLITE_OK);
        EXPECT_EQ(c.value(kDigest), kExpectedDigest); // the same connection goes on with the new key
        EXPECT_EQ(c.exec("UPDATE t SET v = v WHERE i = 1"), SQLITE_OK);
    }
    expectReadable(path, rawKey('\x62'));
    {
        Conn c(path, rawKey('\x61'));
        EXPECT_TRUE(c.value("SELECT count(*) FROM sqlite_master").startsWith("error "));
    }
    ASSERT_FALSE(SqlCipherProvider::setEnabled(false));
    expectReadable(path, rawKey('\x62'));
}

TEST_F(SqlCipherProviderTest, ManyThreadsWithTheirOwnConnections)
{
    const QString shared = file("shared.db");
    fill(shared, rawKey('\x71'));

    constexpr int threads = 8;
    constexpr int rounds = 6;
    std::mutex failuresLock;
    std::vector<std::string> failures;
    auto fail = [&](int t, const QByteArray& what) {
        std::lock_guard<std::mutex> lock(failuresLock);
        failures.push_back("thread " + std::to_string(t) + ": " + what.toStdString());
    };
    std::atomic<int> started {0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            ++started;
            while (started.load() < threads) // start together for the most overlap
                std::this_thread::yield();
            const QByteArray key = rawKey(char(0x10 + t));
            const QString own = dir.filePath(QStringLiteral("own%1.db").arg(t));
            for (int r = 0; r < rounds; ++r) {
                {
                    Conn c(own, key);
                    if (!c.ok() || c.exec("CREATE TABLE IF NOT EXISTS w(i INTEGER PRIMARY KEY, v TEXT)") != SQLITE_OK)
                        return fail(t, "create");
                    if (c.exec("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50) "
                               "INSERT INTO w(v) SELECT printf('%0500d', i) FROM c")
                        != SQLITE_OK)
                        return fail(t, "insert");
                    if (c.value("PRAGMA cipher_provider") != SqlCipherProvider::ProviderName)
                        fail(t, "provider " + c.value("PRAGMA cipher_provider"));
                }
                Conn again(own, key);
                const QByteArray count = again.value("SELECT count(*) FROM w");
                if (count != QByteArray::number(50 * (r + 1)))
                    fail(t, "count " + count);
                Conn s(shared, rawKey('\x71'));
                const QByteArray digest = s.value(kDigest);
                if (digest != kExpectedDigest)
                    fail(t, "shared " + digest.left(40));
            }
        });
    }
    for (auto& th : pool)
        th.join();
    std::string all;
    for (const auto& f : failures)
        all += f + "\n";
    EXPECT_TRUE(failures.empty()) << all;
    expectReadable(shared, rawKey('\x71'));
}

} // namespace
