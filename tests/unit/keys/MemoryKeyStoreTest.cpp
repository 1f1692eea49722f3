#include "keys/MemoryKeyStore.h"

#include "PendingAnswer.h"

#include <gtest/gtest.h>
#include <QCoreApplication>
#include <vector>

using namespace outpost;
using outpost::test::PendingAnswer;

namespace {

using Status = KeyStore::Status;
using Read = PendingAnswer<KeyStore::ReadResult>;
using Write = PendingAnswer<KeyStore::WriteResult>;

const QString Account = QStringLiteral("profile-0001");

KeyStore::WriteResult writeAndWait(KeyStore& store, const QString& account, const SecretBytes& secret)
{
    Write w;
    store.write(account, secret, w.callback());
    EXPECT_TRUE(w.wait());
    return w.arrived() ? w.get() : KeyStore::WriteResult{};
}

} // namespace

TEST(MemoryKeyStore, WriteThenReadReturnsTheSecretAsynchronously)
{
    MemoryKeyStore store;
    KeyStore& ks = store; // used through the interface, as the app does
    EXPECT_TRUE(ks.isAvailable());
    EXPECT_FALSE(ks.backendName().isEmpty());

    const SecretBytes key = SecretBytes::random(32);
    Write w;
    ks.write(Account, key, w.callback());
    EXPECT_FALSE(w.arrived()) << "the answer must not arrive inside the call";
    ASSERT_TRUE(w.wait());
    EXPECT_EQ(w.get().status, Status::Ok);
    EXPECT_TRUE(store.contains(Account));

    Read r;
    ks.read(Account, r.callback());
    EXPECT_FALSE(r.arrived()) << "the answer must not arrive inside the call";
    ASSERT_TRUE(r.wait());
    EXPECT_EQ(r.get().status, Status::Ok);
    EXPECT_TRUE(r.get().secret == key);
    EXPECT_TRUE(r.get().message.isEmpty());
}

TEST(MemoryKeyStore, ReadOfMissingAccountIsNotFound)
{
    MemoryKeyStore store;
    Read r;
    store.read(QStringLiteral("nobody"), r.callback());
    ASSERT_TRUE(r.wait());
    EXPECT_EQ(r.get().status, Status::NotFound);
    EXPECT_TRUE(r.get().secret.isEmpty());
    EXPECT_FALSE(r.get().message.isEmpty());
}

TEST(MemoryKeyStore, OverwriteReplacesTheSecret)
{
    MemoryKeyStore store;
    const SecretBytes first = SecretBytes::random(32);
    const SecretBytes second = SecretBytes::random(32);
    EXPECT_EQ(writeAndWait(store, Account, first).status, Status::Ok);
    EXPECT_EQ(writeAndWait(store, Account, second).status, Status::Ok);
    EXPECT_EQ(store.size(), 1);

    Read r;
    store.read(Account, r.callback());
    ASSERT_TRUE(r.wait());
    ASSERT_EQ(r.get().status, Status::Ok);
    EXPECT_TRUE(r.get().secret == second);
    EXPECT_FALSE(r.get().secret == first);
}

TEST(MemoryKeyStore, RemoveDeletesTheEntryAndIsIdempotent)
{
    MemoryKeyStore store;
    EXPECT_EQ(writeAndWait(store, Account, SecretBytes::random(32)).status, Status::Ok);

    Write rm;
    store.remove(Account, rm.callback());
    EXPECT_FALSE(rm.arrived());
    ASSERT_TRUE(rm.wait());
    EXPECT_EQ(rm.get().status, Status::Ok);
    EXPECT_FALSE(store.contains(Account));

    Write again;
    store.remove(Account, again.callback());
    ASSERT_TRUE(again.wait());
    EXPECT_EQ(again.get().status, Status::Ok);

    Read r;
    store.read(Account, r.callback());
    ASSERT_TRUE(r.wait());
    EXPECT_EQ(r.get().status, Status::NotFound);
}

TEST(MemoryKeyStore, AnswersArriveInCallOrder)
{
    MemoryKeyStore store;
    std::vector<int> order;
    store.write(Account, SecretBytes::random(32), [&order](KeyStore::WriteResult) { order.push_back(1); });
    store.read(Account, [&order](KeyStore::ReadResult) { order.push_back(2); });
    store.remove(Account, [&order](KeyStore::WriteResult) { order.push_back(3); });
    EXPECT_TRUE(order.empty());
    ASSERT_TRUE(outpost::test::waitUntil([&order] { return order.size() == 3; }));
    EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(MemoryKeyStore, UnavailableStoreRefusesEveryCall)
{
    MemoryKeyStore store;
    EXPECT_EQ(writeAndWait(store, Account, SecretBytes::random(32)).status, Status::Ok);
    store.setAvailable(false);
    EXPECT_FALSE(store.isAvailable());

    Read r;
    store.read(Account, r.callback());
    Write w;
    store.write(QStringLiteral("other"), SecretBytes::random(32), w.callback());
    Write rm;
    store.remove(Account, rm.callback());
    EXPECT_FALSE(r.arrived() || w.arrived() || rm.arrived());
    ASSERT_TRUE(rm.wait());
    ASSERT_TRUE(r.arrived() && w.arrived());

    EXPECT_EQ(r.get().status, Status::Unavailable);
    EXPECT_TRUE(r.get().secret.isEmpty());
    EXPECT_FALSE(r.get().message.isEmpty());
    EXPECT_EQ(w.get().status, Status::Unavailable);
    EXPECT_FALSE(w.get().message.isEmpty());
    EXPECT_EQ(rm.get().status, Status::Unavailable);
    EXPECT_FALSE(store.contains(QStringLiteral("other")));
    EXPECT_TRUE(store.contains(Account)) << "an unavailable store must not change anything";

    store.setAvailable(true);
    Read back;
    store.read(Account, back.callback());
    ASSERT_TRUE(back.wait());
    EXPECT_EQ(back.get().status, Status::Ok);
}

TEST(MemoryKeyStore, FailNextFailsExactlyTheNextCall)
{
    MemoryKeyStore store;
    store.failNext(Status::Denied, QStringLiteral("The user said no."));

    const KeyStore::WriteResult denied = writeAndWait(store, Account, SecretBytes::random(32));
    EXPECT_EQ(denied.status, Status::Denied);
    EXPECT_EQ(denied.message, QStringLiteral("The user said no."));
    EXPECT_FALSE(store.contains(Account)) << "a failed write must not store anything";

    const SecretBytes key = SecretBytes::random(32);
    EXPECT_EQ(writeAndWait(store, Account, key).status, Status::Ok);

    store.failNext(Status::Failed);
    Read failed;
    store.read(Account, failed.callback());
    ASSERT_TRUE(failed.wait());
    EXPECT_EQ(failed.get().status, Status::Failed);
    EXPECT_TRUE(failed.get().secret.isEmpty());
    EXPECT_FALSE(failed.get().message.isEmpty())
        << "an injected failure without a message gets a generic one";

    store.failNext(Status::Unavailable, QStringLiteral("gone"));
    Write rm;
    store.remove(Account, rm.callback());
    ASSERT_TRUE(rm.wait());
    EXPECT_EQ(rm.get().status, Status::Unavailable);
    EXPECT_TRUE(store.contains(Account)) << "a failed remove must not remove";

    Read ok;
    store.read(Account, ok.callback());
    ASSERT_TRUE(ok.wait());
    EXPECT_EQ(ok.get().status, Status::Ok);
    EXPECT_TRUE(ok.get().secret == key);
}

TEST(MemoryKeyStore, DestroyedStoreDropsPendingAnswers)
{
    auto* store = new MemoryKeyStore;
    bool called = false;
    store->read(Account, [&called](KeyStore::ReadResult) { called = true; });
    delete store;
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    EXPECT_FALSE(called);
}
