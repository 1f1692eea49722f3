#include "auth/Totp.h"

#include <array>
#include <gtest/gtest.h>
#include <QUrl>
#include <QUrlQuery>
#include <utility>

using namespace outpost;
using namespace outpost::auth;

namespace {

// The secret of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1): the ASCII bytes "1234567890" twice.
const SecretBytes RfcSecret(QByteArrayLiteral("12345678901234567890"));

// Some time early in a 30-second step: step 56 666 667 runs from 1 700 000 010 to 1 700 000 039.
constexpr qint64 Now = 1'700'000'012;

} // namespace

TEST(Totp, HotpMatchesRfc4226AppendixD)
{
    const std::array<const char*, 10> expected{"755224", "287082", "359152", "969429", "338314",
                                               "254676", "287922", "162583", "399871", "520489"};
    for (quint64 counter = 0; counter < expected.size(); ++counter)
        EXPECT_EQ(Totp::hotp(RfcSecret, counter), QLatin1String(expected[counter])) << "counter " << counter;
}

TEST(Totp, TotpMatchesRfc6238AppendixBSha1)
{
    struct Vector
    {
        qint64 time;
        qint64 step;
        const char* code;
    };
    const std::array<Vector, 6> vectors{{
        {59, 0x1, "94287082"},
        {1111111109, 0x23523EC, "07081804"},
        {1111111111, 0x23523ED, "14050471"},
        {1234567890, 0x273EF07, "89005924"},
        {2000000000, 0x3F940AA, "69279037"},
        {20000000000, 0x27BC86AA, "65353130"},
    }};
    const Totp totp8(8);
    for (const Vector& v : vectors) {
        EXPECT_EQ(totp8.stepAt(v.time), v.step) << "T = " << v.time;
        EXPECT_EQ(totp8.code(RfcSecret, v.time), QLatin1String(v.code)) << "T = " << v.time;
        EXPECT_EQ(totp8.verify(RfcSecret, QString(QLatin1String(v.code)), v.time, 0),
                  std::optional<qint64>(v.step));
    }
}

TEST(Totp, SixDigitCodesAreTheLowDigitsOfTheSameValue)
{
    const Totp totp;
    EXPECT_EQ(totp.digits(), 6);
    EXPECT_EQ(totp.periodSeconds(), 30);
    EXPECT_EQ(totp.code(RfcSecret, 59), QStringLiteral("287082"));         // 94287082
    EXPECT_EQ(totp.code(RfcSecret, 1111111109), QStringLiteral("081804")); // 07081804: leading zero kept
    EXPECT_EQ(Totp(7).code(RfcSecret, 1111111109), QStringLiteral("7081804"));
    // The code changes exactly at step boundaries.
    EXPECT_EQ(totp.code(RfcSecret, 30), totp.code(RfcSecret, 59));
    EXPECT_NE(totp.code(RfcSecret, 59), totp.code(RfcSecret, 60));
}

TEST(Totp, WindowOfOneAcceptsTheAdjacentStepsAndNoMore)
{
    const Totp totp;
    const SecretBytes secret = Totp::generateSecret();
    const qint64 step = totp.stepAt(Now);

    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now), Now), std::optional<qint64>(step));
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now - 30), Now), std::optional<qint64>(step - 1));
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now + 30), Now), std::optional<qint64>(step + 1));
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now - 60), Now), std::nullopt);
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now + 60), Now), std::nullopt);

    // A wider window is the caller's choice; zero accepts only the current step.
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now - 60), Now, 2), std::optional<qint64>(step - 2));
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now - 30), Now, 0), std::nullopt);
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now), Now, 0), std::optional<qint64>(step));
    // Negative windows count as zero; huge ones are clamped to MaxWindow.
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now - 30), Now, -5), std::nullopt);
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now - 30 * (Totp::MaxWindow + 1)), Now, 1000),
              std::nullopt);
}

TEST(Totp, ReplayOfTheSameOrAnOlderStepIsRefused)
{
    const Totp totp;
    const SecretBytes secret = Totp::generateSecret();
    const QString code = totp.code(secret, Now);

    const std::optional<qint64> used = totp.verify(secret, code, Now, 1, std::nullopt);
    ASSERT_TRUE(used.has_value());
    // The same code again, a moment later in the same step: refused.
    EXPECT_EQ(totp.verify(secret, code, Now + 5, 1, used), std::nullopt);
    // The previous step's code is still inside the window but older than the used step: refused.
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now - 30), Now, 1, used), std::nullopt);
    // The next step's code is new: accepted, and becomes the new high-water mark.
    const std::optional<qint64> next = totp.verify(secret, totp.code(secret, Now + 30), Now + 30, 1, used);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(*next, *used + 1);
    EXPECT_EQ(totp.verify(secret, totp.code(secret, Now + 30), Now + 40, 1, next), std::nullopt);
}

TEST(Totp, MalformedCodesAreRefusedAndSpacesAreIgnored)
{
    const Totp totp;
    const QString code = totp.code(RfcSecret, 59); // "287082"
    EXPECT_TRUE(totp.verify(RfcSecret, QStringLiteral("287 082"), 59).has_value());
    EXPECT_TRUE(totp.verify(RfcSecret, QStringLiteral(" 287082 "), 59).has_value());
    for (const char* bad : {"", "28708", "2870820", "28708a", "287-082",
                            "\xef\xbc\x92"
                            "87082",
                            "+87082"})
        EXPECT_EQ(totp.verify(RfcSecret, QString::fromUtf8(bad), 59), std::nullopt) << bad;
    EXPECT_EQ(totp.verify(RfcSecret, QStringLiteral("94287082"), 59), std::nullopt)
        << "8 digits for a 6-digit Totp";
}

TEST(Totp, ShortSecretsAndTimesBeforeTheEpochAreRefused)
{
    const Totp totp;
    const SecretBytes shortSecret(QByteArrayLiteral("0123456789abcde")); // 15 bytes
    EXPECT_TRUE(Totp::hotp(shortSecret, 1).isEmpty());
    EXPECT_TRUE(totp.code(shortSecret, Now).isEmpty());
    EXPECT_EQ(totp.verify(shortSecret, QStringLiteral("000000"), Now), std::nullopt);
    EXPECT_TRUE(totp.code(SecretBytes(), Now).isEmpty());

    EXPECT_EQ(totp.stepAt(-1), -1);
    EXPECT_TRUE(totp.code(RfcSecret, -1).isEmpty());
    EXPECT_EQ(totp.verify(RfcSecret, totp.code(RfcSecret, 0), -1), std::nullopt);
    // Near the epoch the window does not reach into negative steps.
    EXPECT_EQ(totp.verify(RfcSecret, totp.code(RfcSecret, 0), 10), std::optional<qint64>(0));
}

TEST(Totp, GeneratedSecretsAreTwentyRandomBytes)
{
    const SecretBytes a = Totp::generateSecret();
    const SecretBytes b = Totp::generateSecret();
    EXPECT_EQ(a.size(), 20);
    EXPECT_EQ(b.size(), 20);
    EXPECT_FALSE(a == b);
}

TEST(Totp, ProvisioningUriHasTheKeyUriFormat)
{
    const Totp totp;
    const Result<QString> uri =
        totp.provisioningUri(QStringLiteral("Outpost"), QStringLiteral("alice"), RfcSecret);
    ASSERT_TRUE(uri.ok()) << uri.message().toStdString();
    EXPECT_EQ(uri.value(),
              QStringLiteral("otpauth://totp/Outpost:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                             "&issuer=Outpost&algorithm=SHA1&digits=6&period=30"));
    const Result<QString> uri8 =
        Totp(8, 60).provisioningUri(QStringLiteral("Outpost"), QStringLiteral("a"), RfcSecret);
    ASSERT_TRUE(uri8.ok());
    EXPECT_TRUE(uri8.value().endsWith(QStringLiteral("&digits=8&period=60"))) << uri8.value().toStdString();
}

TEST(Totp, ProvisioningUriPercentEncodesIssuerAndAccount)
{
    const Totp totp;
    const QString issuer = QStringLiteral("Acme & Söhne/Sales?");
    const QString account = QStringLiteral("alice+test@example.com #1");
    const Result<QString> uri = totp.provisioningUri(issuer, account, RfcSecret);
    ASSERT_TRUE(uri.ok()) << uri.message().toStdString();
    EXPECT_EQ(
        uri.value(),
        QStringLiteral("otpauth://totp/Acme%20%26%20S%C3%B6hne%2FSales%3F:alice%2Btest%40example.com%20%231"
                       "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20%26%20S%C3%B6hne%2FSales%3F"
                       "&algorithm=SHA1&digits=6&period=30"));

    // A URI parser gets the original strings back.
    const QUrl url(uri.value(), QUrl::StrictMode);
    ASSERT_TRUE(url.isValid()) << url.errorString().toStdString();
    EXPECT_EQ(url.scheme(), QStringLiteral("otpauth"));
    EXPECT_EQ(url.host(), QStringLiteral("totp"));
    EXPECT_EQ(url.path(QUrl::FullyDecoded), QStringLiteral("/") + issuer + QLatin1Char(':') + account);
    const QUrlQuery query(url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("issuer"), QUrl::FullyDecoded), issuer);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("secret")),
              QStringLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("algorithm")), QStringLiteral("SHA1"));
}

TEST(Totp, ProvisioningUriRefusesColonsEmptyNamesAndShortSecrets)
{
    const Totp totp;
    const QString ok = QStringLiteral("ok");
    const std::array<std::pair<QString, QString>, 5> bad{{
        {QStringLiteral("Acme:Sales"), ok},
        {ok, QStringLiteral("alice:admin")},
        {QString(), ok},
        {ok, QStringLiteral("  ")},
        {QStringLiteral(" "), ok},
    }};
    for (const auto& [issuer, account] : bad) {
        const Result<QString> uri = totp.provisioningUri(issuer, account, RfcSecret);
        ASSERT_FALSE(uri.ok()) << issuer.toStdString() << " / " << account.toStdString();
        EXPECT_EQ(uri.code(), ErrorCode::InvalidArgument);
        EXPECT_FALSE(uri.message().isEmpty());
    }
    const Result<QString> shortSecret =
        totp.provisioningUri(ok, ok, SecretBytes(QByteArrayLiteral("too short")));
    ASSERT_FALSE(shortSecret.ok());
    EXPECT_EQ(shortSecret.code(), ErrorCode::InvalidArgument);
}
