#pragma once

#include "util/Result.h"

#include <optional>
#include <QCoreApplication>
#include <QString>

namespace outpost::auth {

// scrypt cost parameters (RFC 7914): N = 2^log2N, block size r, parallelism p.
struct ScryptParameters
{
    int log2N = 15;
    int r = 8;
    int p = 1;

    friend bool operator==(const ScryptParameters&, const ScryptParameters&) = default;
};

// Hashes account passwords for outpost-server with scrypt (OpenSSL), a random 16-byte salt and a 32-byte
// output, encoded as a self-describing string
//
//     scrypt$<log2N>$<r>$<p>$<salt, base64 without padding>$<hash, base64 without padding>
//
// so that the cost can be raised later: verify() uses the parameters written in the string, needsRehash()
// says when they are below the hasher's, and the server re-hashes at the next successful login.
//
// Passwords are normalised to Unicode NFC and encoded as UTF-8 (the same password typed on macOS and on
// Windows gives the same bytes); the temporary copies are wiped with OPENSSL_cleanse. Thread-safe: the
// object holds only its parameters.
class PasswordHasher
{
    Q_DECLARE_TR_FUNCTIONS(PasswordHasher)
public:
    static constexpr int SaltSize = 16;
    static constexpr int HashSize = 32;
    static constexpr int MaxPasswordBytes = 1024; // UTF-8 bytes after normalisation

    // Limits on parameters read from a stored string: a damaged or planted row must not make the server
    // allocate gigabytes or spin for minutes. 2^20 * 128 * 8 bytes = 1 GiB would already be too much.
    static constexpr int MaxLog2N = 20;
    static constexpr int MaxR = 32;
    static constexpr int MaxP = 16;
    static constexpr quint64 MaxMemoryBytes = 256ull * 1024 * 1024;

    static constexpr ScryptParameters DefaultParameters{15, 8, 1};

    explicit PasswordHasher(ScryptParameters parameters = DefaultParameters);

    const ScryptParameters& parameters() const { return m_parameters; }

    // The encoded hash of `password` with a fresh salt. ErrorCode::InvalidArgument for an empty or too long
    // password, ErrorCode::Crypto if OpenSSL fails.
    Result<QString> hash(const QString& password) const;

    // True only if `encoded` is a well-formed scrypt string and `password` matches it (constant-time
    // comparison). False for a malformed string, parameters beyond the limits above, an empty or too long
    // password.
    bool verify(const QString& password, const QString& encoded) const;

    // True if `encoded` should be replaced by hash(password) after a successful verify(): its cost, salt or
    // output length is below this hasher's, or it cannot be parsed at all.
    bool needsRehash(const QString& encoded) const;

    // Empty if `password` can be hashed, otherwise a user-readable reason.
    static QString passwordProblem(const QString& password);

private:
    ScryptParameters m_parameters;
};

} // namespace outpost::auth
