#pragma once

// Internal to outpost_server_auth: RAII owners for OpenSSL objects and error-queue handling. Not part of
// the library's API (no public header includes it).

#include <memory>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <QByteArray>
#include <QString>

namespace outpost::auth::detail {

template <typename T, void (*Free)(T*)> struct OpenSslDeleter
{
    void operator()(T* p) const { Free(p); }
};

template <typename T, void (*Free)(T*)> using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

using BioPtr = OpenSslPtr<BIO, BIO_free_all>;
using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;
using PkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;
using X509NamePtr = OpenSslPtr<X509_NAME, X509_NAME_free>;
using Asn1IntegerPtr = OpenSslPtr<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1OctetStringPtr = OpenSslPtr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1Ia5StringPtr = OpenSslPtr<ASN1_IA5STRING, ASN1_IA5STRING_free>;
using GeneralNamePtr = OpenSslPtr<GENERAL_NAME, GENERAL_NAME_free>;
using GeneralNamesPtr = OpenSslPtr<GENERAL_NAMES, GENERAL_NAMES_free>;
using ExtendedKeyUsagePtr = OpenSslPtr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using BasicConstraintsPtr = OpenSslPtr<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;
using Asn1BitStringPtr = OpenSslPtr<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;

// Empties this thread's OpenSSL error queue and returns its entries ("; "-separated, for a log or the
// technical part of a message). Every failed OpenSSL call in this library is followed by this, so a stale
// error never surfaces later in unrelated code (a TLS handshake on the same thread, for instance).
QString takeOpenSslErrors();

// The bytes a memory BIO holds.
QByteArray bioContents(BIO* bio);

inline const unsigned char* ucharData(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

inline unsigned char* ucharData(QByteArray& b)
{
    return reinterpret_cast<unsigned char*>(b.data());
}

// Overwrites a buffer we own, then empties it. A buffer shared with another QByteArray is only released:
// wiping it would change the other owner's data.
void cleanse(QByteArray& bytes);
void cleanse(QString& text);

} // namespace outpost::auth::detail
