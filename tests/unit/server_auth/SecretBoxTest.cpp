// SecretBox: AES-256-GCM sealing of small secrets at rest, and the server's key file.
#include "auth/SecretBox.h"

#include "TempDir.h"

#include <QFile>
#include <QFileInfo>

#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::auth;

namespace {

SecretBox box(char fill)
{
    return SecretBox(SecretBytes(QByteArray(SecretBox::KeyBytes, fill)));
}

} // namespace

TEST(SecretBox, SealsWithAFreshNonceAndOpensOnlyWithTheSameKeyAndContext)
{
    const QByteArray secret("JBSWY3DPEHPK3PXPJBSWY3DP");
    const QString a = box('k').seal(secret, "user-1");
    const QString b = box('k').seal(secret, "user-1");
    EXPECT_TRUE(SecretBox::isSealed(a));
    EXPECT_NE(a, b) << "a fresh nonce per value";
    EXPECT_FALSE(a.contains(QString::fromLatin1(secret)));
    auto opened = box('k').open(a, "user-1");
    ASSERT_TRUE(opened.ok()) << opened.message().toStdString();
    EXPECT_EQ(opened->bytes(), secret);

    EXPECT_FALSE(box('x').open(a, "user-1").ok()) << "another key";
    EXPECT_FALSE(box('k').open(a, "user-2").ok()) << "another row's context";
    QByteArray raw = QByteArray::fromBase64(a.mid(5).toLatin1()); // after "gcm1:"
    raw[20] = char(raw.at(20) ^ 0x01);
    const QString altered = QStringLiteral("gcm1:") + QString::fromLatin1(raw.toBase64());
    EXPECT_FALSE(box('k').open(altered, "user-1").ok()) << "an altered value";
    EXPECT_FALSE(box('k').open(QString::fromLatin1(secret), "user-1").ok()) << "a value in clear is not a sealed one";
    EXPECT_EQ(box('k').open(a, "user-2").code(), ErrorCode::Crypto);
}

TEST(SecretBox, TheKeyFileIsMadeForItsOwnerOnlyNeverOverwrittenAndCheckedWhenRead)
{
    test::TempDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.key"));
    auto made = SecretBox::createKeyFile(path);
    ASSERT_TRUE(made.ok()) << made.message().toStdString();
    EXPECT_EQ(made->size(), SecretBox::KeyBytes);
    EXPECT_EQ(QFileInfo(path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ReadOwner | QFileDevice::WriteOwner),
              QFileDevice::Permissions());
    auto loaded = SecretBox::loadKeyFile(path);
    ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
    EXPECT_TRUE(loaded.value() == made.value());

    auto again = SecretBox::createKeyFile(path);
    EXPECT_EQ(again.code(), ErrorCode::AlreadyExists);
    EXPECT_TRUE(SecretBox::loadKeyFile(path).value() == made.value()) << "the key was not replaced";

    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("not a key\n");
    f.close();
    auto refused = SecretBox::loadKeyFile(path);
    EXPECT_EQ(refused.code(), ErrorCode::WrongKey);
    EXPECT_TRUE(refused.message().contains(path)) << refused.message().toStdString();
    EXPECT_EQ(SecretBox::loadKeyFile(dir.filePath(QStringLiteral("missing.key"))).code(), ErrorCode::Io);
}
