#include "keys/MemoryKeyStore.h"
#include "keys/PassphraseKeyWrap.h"
#include "contacts/ContactRepository.h"
#include "profile/ProfileManager.h"
#include "storage/ClientSchema.h"
#include "util/Uuid.h"

#include "TempDir.h"
#include "TestWorkspace.h"
#include "Wait.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace outpost;

namespace {

constexpr int kFastIterations = PassphraseKeyWrap::MinimumWrapIterations; // the floor: keeps tests quick

class ProfileManagerTest : public ::testing::Test
{
protected:
    using WsResult = Result<std::unique_ptr<Workspace>>;

    std::unique_ptr<Workspace> create(KeyProtection protection, const QString& passphrase = {})
    {
        ProfileManager::NewProfile req;
        req.dir = profileDir();
        req.name = QStringLiteral("Field team Łódź");
        req.protection = protection;
        req.passphrase = passphrase;
        req.kdfIterations = kFastIterations;
        std::optional<WsResult> result;
        manager.create(req, [&](WsResult r) { result.emplace(std::move(r)); });
        EXPECT_FALSE(result.has_value()) << "callbacks must be asynchronous";
        EXPECT_TRUE(test::waitUntil([&] { return result.has_value(); }));
        if (!result || !*result) {
            ADD_FAILURE() << (result ? result->message().toStdString() : "timed out");
            return nullptr;
        }
        return std::move(result->value());
    }

    WsResult unlock(const QString& passphrase = {})
    {
        auto info = ProfileInfo::read(profileDir());
        EXPECT_TRUE(info.ok()) << info.message().toStdString();
        std::optional<WsResult> result;
        manager.unlock(info.value(), passphrase, [&](WsResult r) { result.emplace(std::move(r)); });
        EXPECT_TRUE(test::waitUntil([&] { return result.has_value(); }));
        return result ? std::move(*result) : WsResult(Error(ErrorCode::Unknown, QStringLiteral("timed out")));
    }

    Status waitStatus(const std::function<void(ProfileManager::StatusCallback)>& start)
    {
        std::optional<Status> s;
        start([&](Status r) { s = r; });
        EXPECT_TRUE(test::waitUntil([&] { return s.has_value(); }));
        return s ? *s : Status(Error(ErrorCode::Unknown, QStringLiteral("timed out")));
    }

    QString addContact(Workspace& ws, const QString& last)
    {
        const QString id = newUuidV7();
        auto m = ws.mutations().submit(QStringLiteral("contact.create"),
                                       QJsonObject{{QStringLiteral("id"), id},
                                                   {QStringLiteral("fields"), QJsonObject{{QStringLiteral("lastName"), last}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QString profileDir() const { return root.filePath(QStringLiteral("p1")); }

    test::TempDir root;
    MemoryKeyStore keychain;
    ProfileManager manager{&keychain};
};

TEST_F(ProfileManagerTest, KeychainProfileCreatesUnlocksAndKeepsData)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const QString id = addContact(*ws, QStringLiteral("Kowalska"));
    const QString profileId = ws->info().id;
    EXPECT_TRUE(keychain.contains(profileId));
    EXPECT_FALSE(QFile::exists(ws->info().wrappedKeyPath()));
    ws.reset();

    auto again = unlock();
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    auto c = again.value()->contacts().find(id);
    ASSERT_TRUE(c.ok() && c->has_value());
    EXPECT_EQ((*c)->lastName, QStringLiteral("Kowalska"));
}

// A profile saved by an older version: unlock runs its pending migrations on a worker thread, announcing each
// step before the workspace arrives, and the profile is then at the latest schema (migration 19 indexed the notes).
TEST_F(ProfileManagerTest, UnlockRunsPendingMigrationsInTheBackgroundAndReportsEachStep)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const ProfileInfo info = ws->info();
    ws.reset();
    std::optional<KeyStore::ReadResult> key;
    keychain.read(info.id, [&](KeyStore::ReadResult r) { key = r; });
    ASSERT_TRUE(test::waitUntil([&] { return key.has_value(); }));
    ASSERT_TRUE(test::recreateDatabaseBefore(info.databasePath(), key->secret, 19, QStringLiteral("Found a moth in the relay.")));
    int pending = 0;
    for (const Migration& m : clientMigrations())
        pending += m.version >= 19 ? 1 : 0;

    std::vector<std::pair<int, int>> steps;
    bool arrived = false;
    QObject::connect(&manager, &ProfileManager::migrating, &manager, [&](int step, int count) {
        EXPECT_FALSE(arrived) << "every step is announced before the workspace arrives";
        steps.emplace_back(step, count);
    });
    std::optional<WsResult> result;
    manager.unlock(info, {}, [&](WsResult r) {
        arrived = true;
        result.emplace(std::move(r));
    });
    ASSERT_TRUE(test::waitUntil([&] { return result.has_value(); }, 30000));
    ASSERT_TRUE(result->ok()) << result->message().toStdString();
    ASSERT_EQ(steps.size(), size_t(pending));
    for (int i = 0; i < pending; ++i)
        EXPECT_EQ(steps[size_t(i)], std::make_pair(i + 1, pending));
    Workspace& opened = *result->value();
    EXPECT_EQ(opened.database().schemaVersion(), opened.database().latestKnownVersion());
    EXPECT_EQ(opened.contacts().searchCount(ContactQuery::parse(QStringLiteral("moth"))).value(), 1);
    result.reset();

    steps.clear();
    auto again = unlock();
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_TRUE(steps.empty()) << "nothing left to migrate";
}

TEST_F(ProfileManagerTest, MissingKeychainEntryIsAClearErrorAndTheFileIsKept)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const QString dbPath = ws->info().databasePath();
    const QString profileId = ws->info().id;
    ws.reset();
    std::optional<KeyStore::WriteResult> removed;
    keychain.remove(profileId, [&](KeyStore::WriteResult r) { removed = r; });
    ASSERT_TRUE(test::waitUntil([&] { return removed.has_value(); }));
    const QByteArray before = test::sha256OfFile(dbPath);

    auto r = unlock();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.code(), ErrorCode::NotFound);
    EXPECT_TRUE(r.message().contains(QStringLiteral("not in this computer's keychain"))) << r.message().toStdString();
    EXPECT_EQ(test::sha256OfFile(dbPath), before);
}

TEST_F(ProfileManagerTest, UnavailableKeychainSuggestsAPassphrase)
{
    keychain.setAvailable(false);
    ProfileManager::NewProfile req;
    req.dir = profileDir();
    req.protection = KeyProtection::Keychain;
    std::optional<WsResult> result;
    manager.create(req, [&](WsResult r) { result.emplace(std::move(r)); });
    ASSERT_TRUE(test::waitUntil([&] { return result.has_value(); }));
    ASSERT_FALSE(result->ok());
    EXPECT_EQ(result->code(), ErrorCode::KeychainUnavailable);
    EXPECT_TRUE(result->message().contains(QStringLiteral("passphrase"))) << result->message().toStdString();
    EXPECT_FALSE(ProfileInfo::exists(profileDir()));
}

TEST_F(ProfileManagerTest, PassphraseProfileUnlocksOnlyWithThePassphrase)
{
    const QString pass = QStringLiteral("correct horse battery staple");
    auto ws = create(KeyProtection::Passphrase, pass);
    ASSERT_TRUE(ws);
    const QString id = addContact(*ws, QStringLiteral("Nguyễn"));
    const QString dbPath = ws->info().databasePath();
    EXPECT_EQ(keychain.size(), 0);
    ws.reset();

    const QByteArray before = test::sha256OfFile(dbPath);
    auto wrong = unlock(QStringLiteral("incorrect horse battery staple"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.code(), ErrorCode::WrongKey);
    EXPECT_EQ(test::sha256OfFile(dbPath), before);

    auto right = unlock(pass);
    ASSERT_TRUE(right.ok()) << right.message().toStdString();
    EXPECT_TRUE(right.value()->contacts().find(id).value().has_value());
}

TEST_F(ProfileManagerTest, WeakPassphraseIsRefusedBeforeAnythingIsWritten)
{
    ProfileManager::NewProfile req;
    req.dir = profileDir();
    req.protection = KeyProtection::Passphrase;
    req.passphrase = QStringLiteral("abc");
    std::optional<WsResult> result;
    manager.create(req, [&](WsResult r) { result.emplace(std::move(r)); });
    ASSERT_TRUE(test::waitUntil([&] { return result.has_value(); }));
    ASSERT_FALSE(result->ok());
    EXPECT_EQ(result->code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(QFile::exists(QDir(profileDir()).filePath(QStringLiteral("outpost.db"))));
}

TEST_F(ProfileManagerTest, CreatingOverAnExistingProfileIsRefused)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const QByteArray before = test::sha256OfFile(ws->info().databasePath());
    ProfileManager::NewProfile req;
    req.dir = profileDir();
    req.protection = KeyProtection::Keychain;
    std::optional<WsResult> result;
    manager.create(req, [&](WsResult r) { result.emplace(std::move(r)); });
    ASSERT_TRUE(test::waitUntil([&] { return result.has_value(); }));
    ASSERT_FALSE(result->ok());
    EXPECT_EQ(result->code(), ErrorCode::AlreadyExists);
    EXPECT_EQ(test::sha256OfFile(ws->info().databasePath()), before);
}

TEST_F(ProfileManagerTest, KeyRotationWithKeychainKeepsDataAndRetiresTheOldKey)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const QString id = addContact(*ws, QStringLiteral("Dvořák"));
    std::optional<KeyStore::ReadResult> oldKey;
    keychain.read(ws->info().id, [&](KeyStore::ReadResult r) { oldKey = std::move(r); });
    ASSERT_TRUE(test::waitUntil([&] { return oldKey.has_value(); }));

    ASSERT_TRUE(waitStatus([&](auto cb) { manager.rotateKey(*ws, {}, cb); }).ok());
    EXPECT_FALSE(keychain.contains(ProfileManager::pendingAccount(ws->info())));
    const ProfileInfo info = ws->info();
    ws.reset();

    auto withOld = Workspace::open(info, oldKey->secret);
    ASSERT_FALSE(withOld.ok());
    EXPECT_EQ(withOld.code(), ErrorCode::WrongKey);
    auto again = unlock();
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_TRUE(again.value()->contacts().find(id).value().has_value());
}

TEST_F(ProfileManagerTest, InterruptedKeychainRotationStillUnlocks)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const QString id = addContact(*ws, QStringLiteral("Çelik"));
    const ProfileInfo info = ws->info();
    // Simulate a crash after re-encryption but before the main entry was replaced.
    const SecretBytes newKey = SecretBytes::random(32);
    std::optional<KeyStore::WriteResult> w;
    keychain.write(ProfileManager::pendingAccount(info), newKey, [&](KeyStore::WriteResult r) { w = r; });
    ASSERT_TRUE(test::waitUntil([&] { return w.has_value(); }));
    ASSERT_TRUE(ws->database().rekey(newKey).ok());
    ws.reset();

    auto again = unlock();
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_TRUE(again.value()->contacts().find(id).value().has_value());
    again.value().reset();
    EXPECT_TRUE(test::waitUntil([&] { return !keychain.contains(ProfileManager::pendingAccount(info)); }));
    auto third = unlock(); // the promoted key is now the main entry
    EXPECT_TRUE(third.ok()) << third.message().toStdString();
}

TEST_F(ProfileManagerTest, PassphraseRotationAndPassphraseChange)
{
    const QString pass = QStringLiteral("first passphrase 2026");
    const QString pass2 = QStringLiteral("second passphrase 2026");
    auto ws = create(KeyProtection::Passphrase, pass);
    ASSERT_TRUE(ws);
    const QString id = addContact(*ws, QStringLiteral("Ångström"));
    const ProfileInfo info = ws->info();

    EXPECT_FALSE(waitStatus([&](auto cb) { manager.rotateKey(*ws, QStringLiteral("wrong passphrase!!"), cb); }).ok());
    ASSERT_TRUE(waitStatus([&](auto cb) { manager.rotateKey(*ws, pass, cb); }).ok());
    EXPECT_FALSE(QFile::exists(ProfileManager::pendingWrappedKeyPath(info)));
    ws.reset();

    EXPECT_FALSE(waitStatus([&](auto cb) { manager.changePassphrase(info, QStringLiteral("nope nope nope"), pass2, cb); }).ok());
    ASSERT_TRUE(waitStatus([&](auto cb) { manager.changePassphrase(info, pass, pass2, cb); }).ok());
    EXPECT_EQ(unlock(pass).code(), ErrorCode::WrongKey);
    auto again = unlock(pass2);
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_TRUE(again.value()->contacts().find(id).value().has_value());
}

TEST_F(ProfileManagerTest, PassphraseRotationStoppedAtAnyStepStillUnlocks)
{
    const QString pass = QStringLiteral("rotation passphrase 2026");
    auto ws = create(KeyProtection::Passphrase, pass);
    ASSERT_TRUE(ws);
    const QString id = addContact(*ws, QStringLiteral("Wiśniewska"));
    const ProfileInfo info = ws->info();
    // Stopped after re-encrypting, before the new key file replaced the old one.
    const SecretBytes newKey = SecretBytes::random(32);
    auto wrapped = PassphraseKeyWrap::wrap(newKey, pass, info.id.toUtf8(), kFastIterations);
    ASSERT_TRUE(wrapped.ok());
    QFile pending(ProfileManager::pendingWrappedKeyPath(info));
    ASSERT_TRUE(pending.open(QIODevice::WriteOnly));
    pending.write(wrapped->toJson());
    pending.close();
    ASSERT_TRUE(ws->database().rekey(newKey).ok());
    ws.reset();

    auto again = unlock(pass);
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_TRUE(again.value()->contacts().find(id).value().has_value());
    EXPECT_FALSE(QFile::exists(ProfileManager::pendingWrappedKeyPath(info))); // promoted
    again.value().reset();

    // Stopped with only the pending file left (the old one removed by hand or by a crash).
    ASSERT_TRUE(QFile::rename(info.wrappedKeyPath(), ProfileManager::pendingWrappedKeyPath(info)));
    auto third = unlock(pass);
    ASSERT_TRUE(third.ok()) << third.message().toStdString();
    EXPECT_TRUE(QFile::exists(info.wrappedKeyPath()));
}

TEST_F(ProfileManagerTest, KeychainRotationAfterAnInterruptedOneKeepsTheCurrentKey)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const QString id = addContact(*ws, QStringLiteral("Horváth"));
    const ProfileInfo info = ws->info();
    // An earlier rotation re-encrypted the file, then could not save the main entry: the key that
    // opens the file is only in the pending entry.
    const SecretBytes current = SecretBytes::random(32);
    std::optional<KeyStore::WriteResult> w;
    keychain.write(ProfileManager::pendingAccount(info), current, [&](KeyStore::WriteResult r) { w = r; });
    ASSERT_TRUE(test::waitUntil([&] { return w.has_value(); }));
    ASSERT_TRUE(ws->database().rekey(current).ok());

    // A new rotation must not overwrite that pending key before making it the main entry.
    ASSERT_TRUE(waitStatus([&](auto cb) { manager.rotateKey(*ws, {}, cb); }).ok());
    ws.reset();
    EXPECT_FALSE(keychain.contains(ProfileManager::pendingAccount(info)));
    auto again = unlock();
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_TRUE(again.value()->contacts().find(id).value().has_value());
}

TEST_F(ProfileManagerTest, RotationOnAWorkerThreadWhileAnotherThreadReads)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    for (int i = 0; i < 50; ++i)
        addContact(*ws, QStringLiteral("Reader%1").arg(i));
    // A reader on another thread keeps asking for its connection while the key changes under it.
    std::atomic_bool stop = false;
    std::atomic_int reads = 0, failures = 0;
    Database* db = &ws->database();
    std::thread reader([&] {
        ContactRepository repo(*db);
        while (!stop) {
            auto n = repo.count();
            (n.ok() && n.value() == 50 ? reads : failures)++;
        }
        db->releaseThreadConnection();
    });
    ASSERT_TRUE(test::waitUntil([&] { return reads.load() > 0; }));
    const Status rotated = waitStatus([&](auto cb) { manager.rotateKey(*ws, {}, cb); });
    const int readsAfter = reads.load();
    ASSERT_TRUE(test::waitUntil([&] { return reads.load() > readsAfter; })); // still reading, with the new key
    stop = true;
    reader.join();
    EXPECT_TRUE(rotated.ok()) << rotated.message().toStdString();
    // Only a read in flight at the very moment of the switch may fail (its connection is closed under
    // it); every later read reopens with the new key.
    EXPECT_LE(failures.load(), 1);
    EXPECT_EQ(ws->contacts().count().value(), 50);
}

TEST_F(ProfileManagerTest, ListFindsProfiles)
{
    auto ws = create(KeyProtection::Keychain);
    ASSERT_TRUE(ws);
    const auto profiles = ProfileManager::list(root.path());
    ASSERT_EQ(profiles.size(), 1);
    EXPECT_EQ(profiles.at(0).name, QStringLiteral("Field team Łódź"));
    EXPECT_EQ(profiles.at(0).protection, KeyProtection::Keychain);

    // A damaged profile is reported, not hidden; a folder without profile.json is not a profile.
    QDir(root.path()).mkpath(QStringLiteral("broken"));
    QDir(root.path()).mkpath(QStringLiteral("unrelated"));
    QFile broken(root.filePath(QStringLiteral("broken/profile.json")));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("{ not json");
    broken.close();
    const auto listing = ProfileManager::scan(root.path());
    EXPECT_EQ(listing.profiles.size(), 1);
    ASSERT_EQ(listing.problems.size(), 1);
    EXPECT_TRUE(listing.problems.at(0).contains(QStringLiteral("damaged"))) << listing.problems.at(0).toStdString();
}

} // namespace
