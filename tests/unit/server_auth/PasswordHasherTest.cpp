#include "auth/PasswordHasher.h"

#include <gtest/gtest.h>
#include <QByteArray>
#include <QStringList>

using namespace outpost;
using namespace outpost::auth;

namespace {

const QString Password = QStringLiteral("correct horse battery staple");

QString hashOrFail(const PasswordHasher& hasher, const QString& password)
{
    Result<QString> encoded = hasher.hash(password);
    EXPECT_TRUE(encoded.ok()) << encoded.message().toStdString();
    return encoded.ok() ? encoded.value() : QString();
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
}

// A cheap hasher for tests that only need "some valid hash with lower parameters".
PasswordHasher cheapHasher()
{
    return PasswordHasher(ScryptParameters{10, 8, 1});
}

} // namespace

TEST(PasswordHasher, HashHasTheDocumentedSelfDescribingFormat)
{
    const PasswordHasher hasher;
    EXPECT_EQ(hasher.parameters(), (ScryptParameters{15, 8, 1}));
    const QString encoded = hashOrFail(hasher, Password);

    const QStringList parts = encoded.split(QLatin1Char('$'));
    ASSERT_EQ(parts.size(), 6) << encoded.toStdString();
    EXPECT_EQ(parts.at(0), QStringLiteral("scrypt"));
    EXPECT_EQ(parts.at(1), QStringLiteral("15"));
    EXPECT_EQ(parts.at(2), QStringLiteral("8"));
    EXPECT_EQ(parts.at(3), QStringLiteral("1"));
    EXPECT_FALSE(encoded.contains(QLatin1Char('='))) << "base64 without padding";
    EXPECT_EQ(QByteArray::fromBase64(parts.at(4).toLatin1()).size(), PasswordHasher::SaltSize);
    EXPECT_EQ(QByteArray::fromBase64(parts.at(5).toLatin1()).size(), PasswordHasher::HashSize);
    EXPECT_FALSE(encoded.contains(Password));
}

TEST(PasswordHasher, VerifyAcceptsTheRightPassword)
{
    const PasswordHasher hasher;
    const QString encoded = hashOrFail(hasher, Password);
    EXPECT_TRUE(hasher.verify(Password, encoded));
    EXPECT_FALSE(hasher.needsRehash(encoded));
}

TEST(PasswordHasher, VerifyRefusesWrongPasswords)
{
    const PasswordHasher hasher = cheapHasher();
    const QString encoded = hashOrFail(hasher, Password);
    EXPECT_FALSE(hasher.verify(QStringLiteral("correct horse battery stapl"), encoded));
    EXPECT_FALSE(hasher.verify(QStringLiteral("Correct horse battery staple"), encoded));
    EXPECT_FALSE(hasher.verify(Password + QLatin1Char(' '), encoded));
    EXPECT_FALSE(hasher.verify(QStringLiteral("x"), encoded));
    EXPECT_FALSE(hasher.verify(QString(), encoded));
}

TEST(PasswordHasher, MatchesTheRfc7914TestVector)
{
    // RFC 7914 section 12: scrypt("pleaseletmein", "SodiumChloride", N=16384, r=8, p=1, dkLen=64). Proves
    // the hash is scrypt and that the encoded parameters are the ones used.
    const QByteArray expected =
        QByteArray::fromHex("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                            "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
    const QString encoded = QStringLiteral("scrypt$14$8$1$") + b64(QByteArrayLiteral("SodiumChloride")) +
                            QLatin1Char('$') + b64(expected);
    const PasswordHasher hasher;
    EXPECT_TRUE(hasher.verify(QStringLiteral("pleaseletmein"), encoded));
    EXPECT_FALSE(hasher.verify(QStringLiteral("pleaseletmeiN"), encoded));
    EXPECT_TRUE(hasher.needsRehash(encoded))
        << "N = 2^14 and a 14-byte salt are below the current parameters";
}

TEST(PasswordHasher, DifferentSaltsGiveDifferentHashesForTheSamePassword)
{
    const PasswordHasher hasher = cheapHasher();
    const QString a = hashOrFail(hasher, Password);
    const QString b = hashOrFail(hasher, Password);
    ASSERT_FALSE(a.isEmpty());
    EXPECT_NE(a, b);
    EXPECT_NE(a.section(QLatin1Char('$'), 4, 4), b.section(QLatin1Char('$'), 4, 4)) << "salts differ";
    EXPECT_NE(a.section(QLatin1Char('$'), 5, 5), b.section(QLatin1Char('$'), 5, 5)) << "hashes differ";
    EXPECT_TRUE(hasher.verify(Password, a));
    EXPECT_TRUE(hasher.verify(Password, b));
}

TEST(PasswordHasher, TamperedEncodingsAreRefused)
{
    const PasswordHasher hasher = cheapHasher();
    const QString good = hashOrFail(hasher, Password);
    ASSERT_TRUE(hasher.verify(Password, good));
    QStringList parts = good.split(QLatin1Char('$'));
    ASSERT_EQ(parts.size(), 6);

    auto with = [&](int index, const QString& value) {
        QStringList p = parts;
        p[index] = value;
        return p.join(QLatin1Char('$'));
    };
    auto flipFirstChar = [](QString s) {
        s[0] = s.at(0) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        return s;
    };

    // Well-formed, but not the stored hash: the password no longer matches.
    const QStringList altered{
        with(5, flipFirstChar(parts.at(5))), // hash altered
        with(4, flipFirstChar(parts.at(4))), // salt altered
        with(1, QStringLiteral("11")),       // N changed
        with(2, QStringLiteral("4")),        // r changed
        with(3, QStringLiteral("2")),        // p changed
    };
    for (const QString& encoded : altered)
        EXPECT_FALSE(hasher.verify(Password, encoded)) << encoded.toStdString();

    // Not a hash this class writes or accepts: refused, and flagged for replacement.
    const QStringList malformed{
        with(0, QStringLiteral("bcrypt")), // other scheme
        with(1, QStringLiteral("010")),    // non-canonical number
        with(1, QStringLiteral("+10")),
        with(1, QStringLiteral("x")),
        with(4, parts.at(4) + QStringLiteral("==")), // padding
        with(4, QStringLiteral("!!!!!!!!!!!!")),     // not base64
        with(5, parts.at(5).left(10)),               // hash too short
        with(4, QString()),                          // empty salt
        good + QStringLiteral("$extra"),
        good.left(good.lastIndexOf(QLatin1Char('$'))), // missing hash
        good.toUpper(),
        QString(),
        QStringLiteral("scrypt"),
        QStringLiteral("$$$$$"),
    };
    for (const QString& encoded : malformed) {
        EXPECT_FALSE(hasher.verify(Password, encoded)) << encoded.toStdString();
        EXPECT_TRUE(hasher.needsRehash(encoded)) << encoded.toStdString();
    }
}

TEST(PasswordHasher, ParametersBeyondTheLimitsAreRefusedWithoutRunningScrypt)
{
    // A planted row must not make the server allocate gigabytes: these are refused while parsing.
    const PasswordHasher hasher;
    const QString salt = b64(QByteArray(16, 'S'));
    const QString hash = b64(QByteArray(32, 'H'));
    for (const char* params :
         {"30$8$1", "21$8$1", "20$8$1", "15$64$1", "15$8$64", "0$8$1", "15$0$1", "15$8$0"}) {
        const QString encoded = QStringLiteral("scrypt$") + QLatin1String(params) + QLatin1Char('$') + salt +
                                QLatin1Char('$') + hash;
        EXPECT_FALSE(hasher.verify(Password, encoded)) << params;
    }
}

TEST(PasswordHasher, NeedsRehashWhenParametersAreBelowTheCurrentOnes)
{
    const PasswordHasher weak = cheapHasher();
    const PasswordHasher current;
    const QString weakHash = hashOrFail(weak, Password);

    EXPECT_TRUE(current.needsRehash(weakHash));
    EXPECT_FALSE(weak.needsRehash(weakHash));
    EXPECT_TRUE(current.verify(Password, weakHash)) << "old hashes keep working until they are replaced";

    const QString salt = b64(QByteArray(16, 'S'));
    const QString hash = b64(QByteArray(32, 'H'));
    auto encoded = [&](const char* params, const QString& s = QString(),
                       const QString& h = QString()) -> QString {
        return QStringLiteral("scrypt$") + QLatin1String(params) + QLatin1Char('$') +
               (s.isEmpty() ? salt : s) + QLatin1Char('$') + (h.isEmpty() ? hash : h);
    };
    EXPECT_FALSE(current.needsRehash(encoded("15$8$1")));
    EXPECT_FALSE(current.needsRehash(encoded("16$8$1"))) << "stronger than current is fine";
    EXPECT_FALSE(current.needsRehash(encoded("15$8$2")));
    EXPECT_TRUE(current.needsRehash(encoded("14$8$1")));
    EXPECT_TRUE(current.needsRehash(encoded("15$4$1")));
    EXPECT_TRUE(current.needsRehash(encoded("15$8$1", b64(QByteArray(8, 'S')))))
        << "salt shorter than 16 bytes";
    EXPECT_TRUE(current.needsRehash(encoded("15$8$1", QString(), b64(QByteArray(16, 'H')))))
        << "output shorter than 32 bytes";
    EXPECT_TRUE(current.needsRehash(QStringLiteral("not a hash")));
}

TEST(PasswordHasher, EmptyAndTooLongPasswordsAreRejected)
{
    const PasswordHasher hasher = cheapHasher();

    const Result<QString> empty = hasher.hash(QString());
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(empty.message().isEmpty());

    const QString maxLength(PasswordHasher::MaxPasswordBytes, QLatin1Char('p'));
    const QString encoded = hashOrFail(hasher, maxLength);
    EXPECT_TRUE(hasher.verify(maxLength, encoded));

    const Result<QString> tooLong = hasher.hash(maxLength + QLatin1Char('p'));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(tooLong.message().contains(QString::number(PasswordHasher::MaxPasswordBytes)));
    EXPECT_FALSE(hasher.verify(maxLength + QLatin1Char('p'), encoded));

    // The limit is in UTF-8 bytes: 512 two-byte characters fit, 513 do not.
    EXPECT_TRUE(PasswordHasher::passwordProblem(QString(512, QChar(0x00e9))).isEmpty());
    EXPECT_FALSE(PasswordHasher::passwordProblem(QString(513, QChar(0x00e9))).isEmpty());
}

TEST(PasswordHasher, EquivalentUnicodeSpellingsVerify)
{
    // "café" typed as a precomposed é (NFC) or as e + combining acute (NFD) is the same password.
    const PasswordHasher hasher = cheapHasher();
    const QString nfc = QStringLiteral("caf\u00e9 au lait");
    const QString nfd = QStringLiteral("cafe\u0301 au lait");
    ASSERT_NE(nfc, nfd);
    const QString encoded = hashOrFail(hasher, nfd);
    EXPECT_TRUE(hasher.verify(nfc, encoded));
    EXPECT_TRUE(hasher.verify(nfd, encoded));
    EXPECT_FALSE(hasher.verify(QStringLiteral("cafe au lait"), encoded));
}
