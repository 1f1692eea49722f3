#pragma once

#include "util/Result.h"
#include "util/SecretBytes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace outpost {

// A database key wrapped under a passphrase, as kept in the profile folder when no keychain is used.
// Holds no secret: the salt, nonce and tag are public, the ciphertext is the key under AES-256-GCM.
struct WrappedKey
{
    Q_DECLARE_TR_FUNCTIONS(WrappedKey)
public:
    static constexpr int FormatVersion = 1;

    int iterations = 0;    // PBKDF2-HMAC-SHA512 rounds
    QByteArray salt;       // 16 bytes
    QByteArray nonce;      // 12 bytes
    QByteArray ciphertext; // the 32-byte key, encrypted
    QByteArray tag;        // 16-byte GCM tag

    // A small, indented JSON document:
    // {"format":"outpost-wrapped-key","version":1,"kdf":"PBKDF2-HMAC-SHA512","iterations":…,
    //  "cipher":"AES-256-GCM","salt":b64,"nonce":b64,"ciphertext":b64,"tag":b64}
    QByteArray toJson() const;
    // Validates every field; a damaged document is ErrorCode::Corrupt, a newer format
    // ErrorCode::SchemaTooNew.
    static Result<WrappedKey> fromJson(const QByteArray& json);
};

// The passphrase mode for machines without a keychain: the random database key is encrypted with
// AES-256-GCM under a key derived from the passphrase (PBKDF2-HMAC-SHA512, random 16-byte salt, random
// 12-byte nonce). The associated data (the profile id) binds the wrapped key to its profile.
// Passphrases are normalised to Unicode NFC and encoded as UTF-8 before derivation.
class PassphraseKeyWrap
{
    Q_DECLARE_TR_FUNCTIONS(PassphraseKeyWrap)
public:
    static constexpr int KeySize = 32;
    static constexpr int SaltSize = 16;
    static constexpr int NonceSize = 12;
    static constexpr int TagSize = 16;
    static constexpr int DefaultIterations = 310'000;
    static constexpr int MinimumWrapIterations = 256'000;   // never wrap with fewer
    static constexpr int MinimumUnwrapIterations = 100'000; // below: a downgraded or damaged file
    static constexpr int MaximumIterations = 50'000'000;    // above: a file made to hang the app

    static Result<WrappedKey> wrap(const SecretBytes& dbKey, const QString& passphrase,
                                   const QByteArray& associatedData, int iterations = DefaultIterations);
    // A wrong passphrase, wrong associated data or any altered field is ErrorCode::WrongKey.
    static Result<SecretBytes> unwrap(const WrappedKey& wrapped, const QString& passphrase,
                                      const QByteArray& associatedData);
    // Re-wraps the same database key under a new passphrase with a fresh salt and nonce; the iteration
    // count never goes down (the larger of the old count and DefaultIterations).
    static Result<WrappedKey> changePassphrase(const WrappedKey& wrapped, const QString& oldPassphrase,
                                               const QString& newPassphrase,
                                               const QByteArray& associatedData);

    // Empty if `passphrase` is acceptable as a new passphrase, otherwise a user-readable reason.
    static QString passphraseProblem(const QString& passphrase);
};

} // namespace outpost
