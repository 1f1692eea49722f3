#include "auth/Totp.h"

#include "auth/Base32.h"
#include "auth/OpenSslSupport.h"

#include <algorithm>
#include <array>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <QUrl>

namespace outpost::auth {

namespace {

constexpr std::array<quint32, 9> PowersOfTen{1,       10,        100,        1'000,      10'000,
                                             100'000, 1'000'000, 10'000'000, 100'000'000};

// RFC 4226 section 5.3: HMAC-SHA1 over the big-endian counter, dynamic truncation to 31 bits.
std::optional<quint32> truncatedHmac(const SecretBytes& secret, quint64 counter)
{
    std::array<unsigned char, 8> message{};
    for (int i = 7; i >= 0; --i) {
        message[static_cast<size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
        counter >>= 8;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int macSize = 0;
    const unsigned char* ok = HMAC(EVP_sha1(), secret.constData(), static_cast<int>(secret.size()),
                                   message.data(), message.size(), mac.data(), &macSize);
    if (ok == nullptr || macSize != 20) {
        detail::takeOpenSslErrors();
        OPENSSL_cleanse(mac.data(), mac.size());
        return std::nullopt;
    }
    const size_t offset = mac[19] & 0x0f;
    const quint32 value = (quint32(mac[offset] & 0x7f) << 24) | (quint32(mac[offset + 1]) << 16) |
                          (quint32(mac[offset + 2]) << 8) | quint32(mac[offset + 3]);
    OPENSSL_cleanse(mac.data(), mac.size());
    return value;
}

// Percent-encodes everything but RFC 3986's unreserved characters; a space becomes %20, never '+'.
QString percentEncoded(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

Totp::Totp(int digits, int periodSeconds)
    : m_digits(std::clamp(digits, MinDigits, MaxDigits))
    , m_period(std::max(periodSeconds, 1))
{
    Q_ASSERT_X(digits >= MinDigits && digits <= MaxDigits, "Totp", "digits must be 6, 7 or 8");
    Q_ASSERT_X(periodSeconds > 0, "Totp", "the period must be positive");
}

SecretBytes Totp::generateSecret()
{
    return SecretBytes::random(SecretSize);
}

QString Totp::hotp(const SecretBytes& secret, quint64 counter, int digits)
{
    if (secret.size() < MinSecretSize || digits < MinDigits || digits > MaxDigits)
        return {};
    const std::optional<quint32> value = truncatedHmac(secret, counter);
    if (!value)
        return {};
    const quint32 code = *value % PowersOfTen[static_cast<size_t>(digits)];
    return QStringLiteral("%1").arg(code, digits, 10, QLatin1Char('0'));
}

qint64 Totp::stepAt(qint64 unixSeconds) const
{
    return unixSeconds < 0 ? -1 : unixSeconds / m_period;
}

QString Totp::code(const SecretBytes& secret, qint64 unixSeconds) const
{
    const qint64 step = stepAt(unixSeconds);
    if (step < 0)
        return {};
    return hotp(secret, static_cast<quint64>(step), m_digits);
}

std::optional<qint64> Totp::verify(const SecretBytes& secret, QStringView code, qint64 unixSeconds,
                                   int window, std::optional<qint64> lastUsedStep) const
{
    const qint64 current = stepAt(unixSeconds);
    if (current < 0 || secret.size() < MinSecretSize)
        return std::nullopt;

    QByteArray given;
    given.reserve(m_digits);
    for (const QChar c : code) {
        if (c == QLatin1Char(' '))
            continue;
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
        given.append(static_cast<char>(c.unicode()));
    }
    if (given.size() != m_digits)
        return std::nullopt;

    window = std::clamp(window, 0, MaxWindow);
    std::optional<qint64> matched;
    // Every step in the window is computed and compared, so the time taken does not say which one matched.
    // The latest matching step wins: storing it refuses the most codes afterwards.
    for (qint64 step = current - window; step <= current + window; ++step) {
        if (step < 0)
            continue;
        const QString expected = hotp(secret, static_cast<quint64>(step), m_digits);
        if (expected.size() != m_digits)
            return std::nullopt; // HMAC failed
        const QByteArray expectedBytes = expected.toLatin1();
        const bool equal =
            CRYPTO_memcmp(expectedBytes.constData(), given.constData(), static_cast<size_t>(m_digits)) == 0;
        const bool fresh = !lastUsedStep || step > *lastUsedStep;
        if (equal && fresh)
            matched = step;
    }
    return matched;
}

Result<QString> Totp::provisioningUri(const QString& issuer, const QString& account,
                                      const SecretBytes& secret) const
{
    const QLatin1Char colon(':');
    if (issuer.trimmed().isEmpty() || issuer.contains(colon))
        return Error(ErrorCode::InvalidArgument,
                     tr("The issuer name for the authenticator app is empty or contains ':'. Set a name "
                        "without a colon, such as the team's name."));
    if (account.trimmed().isEmpty() || account.contains(colon))
        return Error(ErrorCode::InvalidArgument,
                     tr("The account name for the authenticator app is empty or contains ':'. Use the "
                        "account's e-mail address or user name."));
    if (secret.size() < MinSecretSize)
        return Error(ErrorCode::InvalidArgument,
                     tr("The two-factor secret is too short (%1 bytes, at least %2 are needed). Set up "
                        "two-factor authentication again to get a new secret.")
                         .arg(secret.size())
                         .arg(MinSecretSize));

    const QString encodedIssuer = percentEncoded(issuer);
    const QString uri = QStringLiteral("otpauth://totp/") + encodedIssuer + colon + percentEncoded(account) +
                        QStringLiteral("?secret=") + Base32::encode(secret.bytes()) +
                        QStringLiteral("&issuer=") + encodedIssuer +
                        QStringLiteral("&algorithm=SHA1&digits=") + QString::number(m_digits) +
                        QStringLiteral("&period=") + QString::number(m_period);
    return uri;
}

} // namespace outpost::auth
