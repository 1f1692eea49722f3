#include "TestCertificate.h"

#include <array>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace outpost::test {

namespace {

struct Deleter
{
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(BIO* p) const { BIO_free_all(p); }
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
template <class T> using Owned = std::unique_ptr<T, Deleter>;

std::string opensslError(const char* what)
{
    std::array<char, 256> buffer{};
    ERR_error_string_n(ERR_get_error(), buffer.data(), buffer.size());
    return std::string(what) + ": " + buffer.data();
}

bool addExtension(X509* certificate, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    Owned<X509_EXTENSION> extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

} // namespace

bool writeSelfSignedCertificate(const std::string& certificatePath, const std::string& privateKeyPath,
                                std::string* error)
{
    const auto fail = [&](const char* what) {
        if (error)
            *error = opensslError(what);
        return false;
    };

    Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
    if (!key)
        return fail("generating the EC key");

    Owned<X509> certificate(X509_new());
    if (!certificate)
        return fail("allocating the certificate");
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 7L * 24 * 3600);
    X509_set_pubkey(certificate.get(), key.get());

    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"),
                               -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("Outpost tests"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);

    if (!addExtension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE") ||
        !addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature,keyCertSign") ||
        !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(certificate.get(), NID_subject_key_identifier, "hash") ||
        !addExtension(certificate.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"))
        return fail("adding certificate extensions");

    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0)
        return fail("signing the certificate");

    Owned<BIO> certificateFile(BIO_new_file(certificatePath.c_str(), "wb"));
    if (!certificateFile || PEM_write_bio_X509(certificateFile.get(), certificate.get()) != 1)
        return fail("writing the certificate");
    Owned<BIO> keyFile(BIO_new_file(privateKeyPath.c_str(), "wb"));
    if (!keyFile ||
        PEM_write_bio_PrivateKey(keyFile.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return fail("writing the private key");
    return true;
}

} // namespace outpost::test
