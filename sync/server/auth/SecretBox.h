#pragma once

#include "util/Result.h"
#include "util/SecretBytes.h"

#include <QCoreApplication>
#include <QString>

namespace outpost::auth {

// Small secrets kept at rest under the server's key (TOTP secrets in the accounts database): AES-256-GCM
// with a fresh 96-bit nonce per value, sealed as text "gcm1:" + base64(nonce | ciphertext | 128-bit tag).
// `context` (e.g. the user id) is authenticated with the value, so a sealed value copied onto another row
// does not open there.
class SecretBox
{
    Q_DECLARE_TR_FUNCTIONS(outpost::auth::SecretBox)
public:
    static constexpr int KeyBytes = 32;

    explicit SecretBox(SecretBytes key);

    QString seal(const QByteArray& plain, const QByteArray& context) const;
    // Refused (ErrorCode::Crypto) for a value sealed under another key or context, or altered.
    Result<SecretBytes> open(const QString& sealed, const QByteArray& context) const;
    static bool isSealed(const QString& value);

    // The key file: KeyBytes random bytes, hex-encoded. load() refuses a file of another shape with a
    // message naming it; create() writes a new one readable by its owner only (0600) and never overwrites.
    static Result<SecretBytes> loadKeyFile(const QString& path);
    static Result<SecretBytes> createKeyFile(const QString& path);

private:
    SecretBytes m_key;
};

} // namespace outpost::auth
