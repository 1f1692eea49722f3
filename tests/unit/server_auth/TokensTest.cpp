#include "auth/Tokens.h"

#include <gtest/gtest.h>
#include <QByteArray>
#include <QRegularExpression>
#include <QSet>

using namespace outpost::auth;

TEST(Tokens, DefaultTokenIs256BitsOfBase64Url)
{
    const QString token = randomToken();
    EXPECT_EQ(token.size(), 43); // 32 bytes, base64 without padding
    const QRegularExpression alphabet(QStringLiteral("^[A-Za-z0-9_-]+$"));
    EXPECT_TRUE(alphabet.match(token).hasMatch()) << token.toStdString();
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded.decoded.size(), 32);
}

TEST(Tokens, LengthFollowsTheByteCountAndAlphabetIsUrlSafe)
{
    const QRegularExpression alphabet(QStringLiteral("^[A-Za-z0-9_-]+$"));
    for (const int bytes : {16, 17, 18, 24, 32, 33, 48, 64, 1024}) {
        const QString token = randomToken(bytes);
        EXPECT_EQ(token.size(), (bytes * 4 + 2) / 3) << bytes;
        EXPECT_TRUE(alphabet.match(token).hasMatch()) << token.toStdString();
        EXPECT_EQ(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding).size(), bytes);
    }
}

TEST(Tokens, TokensDoNotRepeat)
{
    QSet<QString> seen;
    constexpr int Count = 2000;
    for (int i = 0; i < Count; ++i)
        seen.insert(randomToken(16));
    EXPECT_EQ(seen.size(), Count);
}

TEST(Tokens, AllCharactersOfTheAlphabetAppear)
{
    // 64 symbols over 2000 * 43 characters: a generator stuck on a subset would show here.
    QSet<QChar> symbols;
    for (int i = 0; i < 2000; ++i) {
        const QString token = randomToken();
        for (const QChar c : token)
            symbols.insert(c);
    }
    EXPECT_EQ(symbols.size(), 64);
}

TEST(Tokens, DigestIsStableLowerCaseHexSha256)
{
    // FIPS 180-2 test vector: SHA-256("abc").
    EXPECT_EQ(tokenDigest(u"abc"),
              QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    EXPECT_EQ(tokenDigest(u""),
              QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

    const QString token = randomToken();
    const QString digest = tokenDigest(token);
    EXPECT_EQ(digest.size(), 64);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(digest).hasMatch());
    EXPECT_EQ(tokenDigest(token), digest) << "the same token always gives the same digest";
    EXPECT_NE(tokenDigest(randomToken()), digest);
    EXPECT_FALSE(digest.contains(token));
}

TEST(Tokens, ConstantTimeEqualsComparesContentAndLength)
{
    EXPECT_TRUE(constantTimeEquals(QByteArrayView("abcdef"), QByteArrayView("abcdef")));
    EXPECT_FALSE(constantTimeEquals(QByteArrayView("abcdef"), QByteArrayView("abcdeg")));
    EXPECT_FALSE(constantTimeEquals(QByteArrayView("bbcdef"), QByteArrayView("abcdef")));
    EXPECT_FALSE(constantTimeEquals(QByteArrayView("abc"), QByteArrayView("abcdef")));
    EXPECT_TRUE(constantTimeEquals(QByteArrayView(), QByteArrayView("")));
    EXPECT_FALSE(constantTimeEquals(QByteArrayView(""), QByteArrayView("a")));

    const QString digest = tokenDigest(u"token");
    EXPECT_TRUE(constantTimeEquals(QStringView(digest), QStringView(tokenDigest(u"token"))));
    EXPECT_FALSE(constantTimeEquals(QStringView(digest), QStringView(tokenDigest(u"tokeN"))));
    EXPECT_FALSE(constantTimeEquals(QStringView(digest), QStringView(digest).chopped(1)));
    EXPECT_TRUE(constantTimeEquals(QStringView(), QStringView(u"")));
    // Non-ASCII text compares by its UTF-16 code units.
    EXPECT_TRUE(constantTimeEquals(QStringView(u"caf\u00e9"), QStringView(u"caf\u00e9")));
    EXPECT_FALSE(constantTimeEquals(QStringView(u"caf\u00e9"), QStringView(u"caf\u00e8")));
}
