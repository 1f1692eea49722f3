#include "keys/QtKeychainKeyStore.h"

#include "PendingAnswer.h"

#include <gtest/gtest.h>
#include <QCoreApplication>
#include <qt6keychain/keychain.h>
#include <QUuid>

using namespace outpost;
using outpost::test::PendingAnswer;

namespace {

using Status = KeyStore::Status;
using Read = PendingAnswer<KeyStore::ReadResult>;
using Write = PendingAnswer<KeyStore::WriteResult>;

// A keychain that does not answer (locked and waiting for a prompt, a wedged D-Bus) must not hang the suite.
constexpr int KeychainTimeoutMs = 20000;

bool keychainRequired()
{
    return qEnvironmentVariable("OUTPOST_REQUIRE_KEYCHAIN") == QLatin1String("1");
}

// Unique per run and per call, so runs (and parallel test processes) never touch each other's entries.
QString uniqueAccount(const char* purpose)
{
    return QStringLiteral("outpost-test-%1-%2-%3")
        .arg(QLatin1String(purpose))
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

QString describe(Status s)
{
    switch (s) {
    case Status::Ok:
        return QStringLiteral("Ok");
    case Status::NotFound:
        return QStringLiteral("NotFound");
    case Status::Unavailable:
        return QStringLiteral("Unavailable");
    case Status::Denied:
        return QStringLiteral("Denied");
    case Status::Failed:
        return QStringLiteral("Failed");
    }
    return QStringLiteral("?");
}

// Whether a real keychain works here: it exists, and a throw-away entry can be written and removed in time.
// Probed once per process; later tests reuse the verdict.
struct KeychainProbe
{
    bool works = false;
    QString reason;
};

const KeychainProbe& probeKeychain()
{
    static const KeychainProbe probe = [] {
        KeychainProbe p;
        QtKeychainKeyStore store;
        if (!store.isAvailable()) {
            p.reason =
                QStringLiteral(
                    "no Secret Service is reachable on the session D-Bus (DBUS_SESSION_BUS_ADDRESS=\"%1\")")
                    .arg(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
            return p;
        }
        const QString account = uniqueAccount("probe");
        Write w;
        store.write(account, SecretBytes::random(32), w.callback());
        if (!w.wait(KeychainTimeoutMs)) {
            p.reason =
                QStringLiteral(
                    "the %1 did not answer a write within %2 s (locked, and waiting for an unlock prompt?)")
                    .arg(store.backendName())
                    .arg(KeychainTimeoutMs / 1000);
            return p;
        }
        if (w.get().status != Status::Ok) {
            p.reason = QStringLiteral("writing a test entry failed with %1: %2")
                           .arg(describe(w.get().status), w.get().message);
            return p;
        }
        Write rm;
        store.remove(account, rm.callback());
        if (!rm.wait(KeychainTimeoutMs) || rm.get().status != Status::Ok) {
            p.reason = QStringLiteral("removing a test entry failed: %1")
                           .arg(rm.arrived() ? rm.get().message : QStringLiteral("no answer in time"));
            return p;
        }
        p.works = true;
        return p;
    }();
    return probe;
}

} // namespace

// Run the test body only against a working keychain. Without one: skip, or fail when CI demands a keychain.
#define REQUIRE_WORKING_KEYCHAIN()                                                                           \
    do {                                                                                                     \
        const KeychainProbe& probe_ = probeKeychain();                                                       \
        if (!probe_.works) {                                                                                 \
            if (keychainRequired())                                                                          \
                FAIL() << "OUTPOST_REQUIRE_KEYCHAIN=1 but no working keychain: "                             \
                       << probe_.reason.toStdString() << ". Run the tests under scripts/with-keyring.sh.";   \
            GTEST_SKIP() << "no working keychain: " << probe_.reason.toStdString()                           \
                         << " (run under scripts/with-keyring.sh, or set OUTPOST_REQUIRE_KEYCHAIN=1 to "     \
                            "make this fail)";                                                               \
        }                                                                                                    \
    } while (false)

TEST(QtKeychainKeyStore, MapsQtKeychainErrors)
{
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::NoError), Status::Ok);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::EntryNotFound), Status::NotFound);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::NoBackendAvailable), Status::Unavailable);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::NotImplemented), Status::Unavailable);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::AccessDenied), Status::Denied);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::AccessDeniedByUser), Status::Denied);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::CouldNotDeleteEntry), Status::Failed);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(QKeychain::OtherError), Status::Failed);
    EXPECT_EQ(QtKeychainKeyStore::statusForKeychainError(999), Status::Failed);
}

TEST(QtKeychainKeyStore, NamesItsBackend)
{
    QtKeychainKeyStore store;
#if defined(Q_OS_WIN)
    EXPECT_EQ(store.backendName(), QStringLiteral("Windows Credential Manager"));
#elif defined(Q_OS_DARWIN)
    EXPECT_EQ(store.backendName(), QStringLiteral("macOS Keychain"));
#else
    EXPECT_EQ(store.backendName(), QStringLiteral("Secret Service"));
#endif
}

TEST(QtKeychainKeyStore, AnswersNeverArriveInsideTheCall)
{
    // Holds with or without a keychain: an unavailable store answers later too.
    QtKeychainKeyStore store;
    Read r;
    store.read(uniqueAccount("async"), r.callback());
    EXPECT_FALSE(r.arrived());
    const bool answered = r.wait(KeychainTimeoutMs);
    if (probeKeychain().works || !store.isAvailable()) {
        ASSERT_TRUE(answered);
        EXPECT_EQ(r.get().status, store.isAvailable() ? Status::NotFound : Status::Unavailable)
            << r.get().message.toStdString();
        EXPECT_FALSE(r.get().message.isEmpty());
    }
}

TEST(QtKeychainKeyStore, RealKeychainRoundTrip)
{
    REQUIRE_WORKING_KEYCHAIN();

    QtKeychainKeyStore store;
    const QString account = uniqueAccount("roundtrip");
    const SecretBytes first = SecretBytes::random(32);
    const SecretBytes second = SecretBytes::random(32);

    Write w1;
    store.write(account, first, w1.callback());
    EXPECT_FALSE(w1.arrived());
    ASSERT_TRUE(w1.wait(KeychainTimeoutMs)) << "write did not answer";
    ASSERT_EQ(w1.get().status, Status::Ok) << w1.get().message.toStdString();

    Read r1;
    store.read(account, r1.callback());
    EXPECT_FALSE(r1.arrived());
    ASSERT_TRUE(r1.wait(KeychainTimeoutMs)) << "read did not answer";
    ASSERT_EQ(r1.get().status, Status::Ok) << r1.get().message.toStdString();
    EXPECT_TRUE(r1.get().secret == first) << "read back " << r1.get().secret.size() << " bytes that differ";

    Write w2;
    store.write(account, second, w2.callback());
    ASSERT_TRUE(w2.wait(KeychainTimeoutMs)) << "overwrite did not answer";
    ASSERT_EQ(w2.get().status, Status::Ok) << w2.get().message.toStdString();

    Read r2;
    store.read(account, r2.callback());
    ASSERT_TRUE(r2.wait(KeychainTimeoutMs)) << "read after overwrite did not answer";
    ASSERT_EQ(r2.get().status, Status::Ok) << r2.get().message.toStdString();
    EXPECT_TRUE(r2.get().secret == second) << "the overwrite did not replace the secret";

    Write rm;
    store.remove(account, rm.callback());
    EXPECT_FALSE(rm.arrived());
    ASSERT_TRUE(rm.wait(KeychainTimeoutMs)) << "remove did not answer";
    ASSERT_EQ(rm.get().status, Status::Ok) << rm.get().message.toStdString();

    Read gone;
    store.read(account, gone.callback());
    ASSERT_TRUE(gone.wait(KeychainTimeoutMs)) << "read after remove did not answer";
    EXPECT_EQ(gone.get().status, Status::NotFound) << gone.get().message.toStdString();
    EXPECT_TRUE(gone.get().secret.isEmpty());
    EXPECT_FALSE(gone.get().message.isEmpty());
}

TEST(QtKeychainKeyStore, RealKeychainKeepsAccountsApartAndBinarySafe)
{
    REQUIRE_WORKING_KEYCHAIN();

    QtKeychainKeyStore store;
    const QString a = uniqueAccount("a");
    const QString b = uniqueAccount("b");
    // All 256 byte values, including NUL: the secret is binary, not text.
    QByteArray all(256, Qt::Uninitialized);
    for (int i = 0; i < 256; ++i)
        all[i] = static_cast<char>(i);
    const SecretBytes binary(all);
    const SecretBytes other = SecretBytes::random(32);

    Write wa, wb;
    store.write(a, binary, wa.callback());
    store.write(b, other, wb.callback());
    ASSERT_TRUE(wb.wait(KeychainTimeoutMs) && wa.arrived());
    ASSERT_EQ(wa.get().status, Status::Ok) << wa.get().message.toStdString();
    ASSERT_EQ(wb.get().status, Status::Ok) << wb.get().message.toStdString();

    Read ra, rb;
    store.read(a, ra.callback());
    store.read(b, rb.callback());
    ASSERT_TRUE(rb.wait(KeychainTimeoutMs) && ra.arrived());
    ASSERT_EQ(ra.get().status, Status::Ok) << ra.get().message.toStdString();
    ASSERT_EQ(rb.get().status, Status::Ok) << rb.get().message.toStdString();
    EXPECT_TRUE(ra.get().secret == binary);
    EXPECT_TRUE(rb.get().secret == other);

    Write rma, rmb;
    store.remove(a, rma.callback());
    store.remove(b, rmb.callback());
    ASSERT_TRUE(rmb.wait(KeychainTimeoutMs) && rma.arrived());
    EXPECT_EQ(rma.get().status, Status::Ok) << rma.get().message.toStdString();
    EXPECT_EQ(rmb.get().status, Status::Ok) << rmb.get().message.toStdString();
}
