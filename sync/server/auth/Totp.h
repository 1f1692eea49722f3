#pragma once

#include "util/Result.h"
#include "util/SecretBytes.h"

#include <optional>
#include <QCoreApplication>
#include <QString>
#include <QStringView>

namespace outpost::auth {

// Time-based one-time passwords (RFC 6238) with HMAC-SHA1 on top of HOTP (RFC 4226): the second factor
// of outpost-server logins, compatible with the common authenticator apps (6 digits, 30-second steps).
//
// A "step" is floor(unixSeconds / period). verify() returns the step a code matched so the caller can
// store it with the account and pass it back as `lastUsedStep` next time: a code for that step or an
// older one is then refused, so an observed code cannot be replayed, not even inside its own 30 seconds.
// The caller must store the step atomically with the check (compare-and-set in the database) when two
// logins for one account can race.
//
// Secrets are raw bytes (generateSecret() gives 20); Base32 converts them for people and apps.
// Thread-safe: the object holds only its digits and period.
class Totp
{
    Q_DECLARE_TR_FUNCTIONS(Totp)
public:
    static constexpr int SecretSize = 20;    // 160 bits, RFC 4226's recommendation
    static constexpr int MinSecretSize = 16; // 128 bits, RFC 4226's minimum; shorter secrets are refused
    static constexpr int DefaultDigits = 6;
    static constexpr int MinDigits = 6;
    static constexpr int MaxDigits = 8;
    static constexpr int DefaultPeriodSeconds = 30;
    static constexpr int MaxWindow = 10; // steps either side; more would make guessing easy

    // digits in [MinDigits, MaxDigits], periodSeconds > 0 (checked in debug builds, clamped otherwise).
    explicit Totp(int digits = DefaultDigits, int periodSeconds = DefaultPeriodSeconds);

    int digits() const { return m_digits; }
    int periodSeconds() const { return m_period; }

    // 20 bytes from OpenSSL's CSPRNG.
    static SecretBytes generateSecret();

    // RFC 4226 HOTP value for `counter`, zero-padded to `digits` (6..8). Empty if the secret is shorter than
    // MinSecretSize or digits is out of range.
    static QString hotp(const SecretBytes& secret, quint64 counter, int digits = DefaultDigits);

    // floor(unixSeconds / period); -1 for a time before the epoch.
    qint64 stepAt(qint64 unixSeconds) const;

    // The code for the step containing `unixSeconds`; empty for a time before the epoch or a bad secret.
    QString code(const SecretBytes& secret, qint64 unixSeconds) const;

    // Checks `code` (exactly digits() decimal digits; spaces are ignored, as in "123 456") against the steps
    // stepAt(unixSeconds) - window ... + window (window clamped to [0, MaxWindow]), skipping any step
    // <= lastUsedStep. Returns the matched step, or nothing. Comparisons are constant-time.
    std::optional<qint64> verify(const SecretBytes& secret, QStringView code, qint64 unixSeconds,
                                 int window = 1, std::optional<qint64> lastUsedStep = std::nullopt) const;

    // otpauth://totp/<Issuer>:<account>?secret=<base32>&issuer=<Issuer>&algorithm=SHA1&digits=6&period=30
    // with issuer and account percent-encoded (RFC 3986 unreserved characters kept, space as %20).
    // ErrorCode::InvalidArgument when the issuer or account is empty or contains ':' (the label separator,
    // which apps would split on) or the secret is shorter than MinSecretSize.
    Result<QString> provisioningUri(const QString& issuer, const QString& account,
                                    const SecretBytes& secret) const;

private:
    int m_digits;
    int m_period;
};

} // namespace outpost::auth
