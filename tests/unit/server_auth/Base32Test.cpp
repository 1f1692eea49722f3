#include "auth/Base32.h"

#include <array>
#include <gtest/gtest.h>
#include <QRandomGenerator>

using namespace outpost::auth;

// Suite named after TOTP, base32's only user here, so `ctest -R Totp` runs it too.

namespace {

struct Vector
{
    const char* bytes;
    const char* padded;
};

// RFC 4648 section 10.
constexpr std::array<Vector, 7> Rfc4648{{
    {"", ""},
    {"f", "MY======"},
    {"fo", "MZXQ===="},
    {"foo", "MZXW6==="},
    {"foob", "MZXW6YQ="},
    {"fooba", "MZXW6YTB"},
    {"foobar", "MZXW6YTBOI======"},
}};

QString unpadded(const char* padded)
{
    QString s = QLatin1String(padded);
    while (s.endsWith(QLatin1Char('=')))
        s.chop(1);
    return s;
}

} // namespace

TEST(TotpBase32, EncodesTheRfc4648VectorsWithoutPadding)
{
    for (const Vector& v : Rfc4648)
        EXPECT_EQ(Base32::encode(QByteArray(v.bytes)), unpadded(v.padded)) << v.bytes;
    EXPECT_EQ(Base32::encode(QByteArrayLiteral("12345678901234567890")),
              QStringLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    EXPECT_EQ(Base32::encode(QByteArray::fromHex("ffffffffff")), QStringLiteral("77777777"));
    EXPECT_EQ(Base32::encode(QByteArray(5, '\0')), QStringLiteral("AAAAAAAA"));
}

TEST(TotpBase32, DecodesTheRfc4648VectorsPaddedOrNot)
{
    for (const Vector& v : Rfc4648) {
        const auto padded = Base32::decode(QString(QLatin1String(v.padded)));
        ASSERT_TRUE(padded.has_value()) << v.padded;
        EXPECT_EQ(*padded, QByteArray(v.bytes));
        const auto bare = Base32::decode(unpadded(v.padded));
        ASSERT_TRUE(bare.has_value()) << v.padded;
        EXPECT_EQ(*bare, QByteArray(v.bytes));
    }
}

TEST(TotpBase32, DecodingAcceptsLowerCaseAndSpaces)
{
    const QByteArray secret = QByteArrayLiteral("12345678901234567890");
    for (const char* text :
         {"gezdgnbvgy3tqojqgezdgnbvgy3tqojq", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
          "  gezd gnbv gy3t qojq GEZD GNBV GY3T QOJQ  ", "GezdGnbvGy3tQojqGezdGnbvGy3tQojq"}) {
        const auto decoded = Base32::decode(QString(QLatin1String(text)));
        ASSERT_TRUE(decoded.has_value()) << text;
        EXPECT_EQ(*decoded, secret) << text;
    }
    const auto spacedPadding = Base32::decode(QStringLiteral("my== ===="));
    ASSERT_TRUE(spacedPadding.has_value());
    EXPECT_EQ(*spacedPadding, QByteArrayLiteral("f"));
}

TEST(TotpBase32, RoundTripsEveryLengthFromZeroToForty)
{
    QRandomGenerator rng(20240601); // fixed seed: the same bytes every run
    for (int length = 0; length <= 40; ++length) {
        QByteArray bytes(length, Qt::Uninitialized);
        for (char& b : bytes)
            b = static_cast<char>(rng.bounded(256));
        const QString encoded = Base32::encode(bytes);
        EXPECT_EQ(encoded.size(), (length * 8 + 4) / 5) << "length " << length;
        EXPECT_FALSE(encoded.contains(QLatin1Char('=')));
        const auto decoded = Base32::decode(encoded);
        ASSERT_TRUE(decoded.has_value()) << "length " << length << ": " << encoded.toStdString();
        EXPECT_EQ(*decoded, bytes) << "length " << length;
        const auto lower = Base32::decode(encoded.toLower());
        ASSERT_TRUE(lower.has_value());
        EXPECT_EQ(*lower, bytes);
        // With the padding an RFC 4648 encoder would add.
        QString padded = encoded;
        while (padded.size() % 8 != 0)
            padded.append(QLatin1Char('='));
        const auto fromPadded = Base32::decode(padded);
        ASSERT_TRUE(fromPadded.has_value()) << padded.toStdString();
        EXPECT_EQ(*fromPadded, bytes);
    }
}

TEST(TotpBase32, DecodingRefusesWhatNoEncoderWrites)
{
    for (const char* bad : {
             "MZXW6YT1",  // '1' is not in the alphabet
             "MZXW6YT0",  // nor '0'
             "MZXW6YT8",  // nor '8'
             "MZXW-6YTB", // nor '-'
             "M",         // 1, 3 or 6 characters in the last group cannot happen
             "MZX", "MZXW6Y", "MZXW6YTBM",
             "MY=Y", // data after padding
             "MY=",  // wrong amount of padding
             "MY=======",
             "MZXW6YTB========", // a whole group of padding
             "MZ",               // stray non-zero bits in the last character ("MY" is canonical)
             "MZXW6YR",          // likewise ("MZXW6YQ")
             "MZXW6YTB\t",       // other whitespace
         }) {
        EXPECT_EQ(Base32::decode(QString(QLatin1String(bad))), std::nullopt) << bad;
    }
    EXPECT_EQ(Base32::decode(QStringLiteral("MZXW6YT\u00c9")), std::nullopt) << "non-ASCII letter";
}
