#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace outpost::auth {

// Makes a private key and a self-signed X.509 v3 server certificate for outpost-server's TLS: what
// `outpost-server cert` writes for a local trial or a small team that distributes the fingerprint to its
// devices. A team with a real domain should use a certificate from a CA instead.
//
// The certificate has the given common name and subjectAltNames (DNS names and IP addresses; clients match
// these, not the common name), basicConstraints CA:FALSE (critical), keyUsage digitalSignature (critical;
// plus keyEncipherment for RSA), extendedKeyUsage serverAuth, subject and authority key identifiers, a
// random 159-bit serial, is valid from five minutes ago (clock skew) for `validityDays`, and is signed
// with SHA-256. Both files are PEM; the key is unencrypted PKCS#8 in a file of mode 0600 (owner only),
// created with that mode so it is never readable by others, not even briefly.
class SelfSignedCertificate
{
    Q_DECLARE_TR_FUNCTIONS(SelfSignedCertificate)
public:
    enum class KeyType
    {
        EcP256,  // ECDSA on NIST P-256: small, fast, accepted everywhere TLS 1.2+ is
        Rsa3072, // for old clients without ECDSA
    };

    static constexpr int MaxValidityDays = 3650;

    struct Options
    {
        QString commonName;   // empty: the first DNS name, else the first IP address
        QStringList dnsNames; // "localhost", "sync.example.org", "*.example.org"; IDNs are converted to ACE
        QStringList ipAddresses; // "127.0.0.1", "::1"
        int validityDays = 365;  // 1 ... MaxValidityDays
        KeyType keyType = KeyType::EcP256;
        bool overwrite = false; // replace existing files; otherwise an existing file is an error
    };

    // Writes the certificate and the key. At least one DNS name or IP address is required.
    // ErrorCode::InvalidArgument for a bad name, address or validity, ErrorCode::AlreadyExists when a file
    // exists and overwrite is off, ErrorCode::Io when a file cannot be written, ErrorCode::Crypto when
    // OpenSSL fails. On failure no partial file is left at either path.
    static Status generate(const Options& options, const QString& certificatePath, const QString& keyPath);

    // SHA-256 fingerprint of a PEM certificate file, as upper-case hex pairs joined by ':' (95 characters,
    // the form `openssl x509 -fingerprint -sha256` and browsers show) — for people to compare by eye.
    static Result<QString> sha256Fingerprint(const QString& certificatePath);
    static Result<QString> sha256FingerprintOfPem(const QByteArray& pem);
};

} // namespace outpost::auth
