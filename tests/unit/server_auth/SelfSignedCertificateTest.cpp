#include "auth/SelfSignedCertificate.h"

#include "TempDir.h"

#include <gtest/gtest.h>
#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace outpost;
using namespace outpost::auth;
using outpost::test::TempDir;

namespace {

struct X509Free
{
    void operator()(X509* p) const { X509_free(p); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BioFree
{
    void operator()(BIO* p) const { BIO_free(p); }
};
struct GeneralNamesFree
{
    void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

X509Ptr loadCertificate(const QString& path)
{
    BioPtr bio(BIO_new_file(QFile::encodeName(path).constData(), "r"));
    return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

PkeyPtr loadKey(const QString& path)
{
    BioPtr bio(BIO_new_file(QFile::encodeName(path).constData(), "r"));
    return PkeyPtr(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

#ifdef Q_OS_UNIX
unsigned fileMode(const QString& path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return static_cast<unsigned>(st.st_mode) & 0777u;
}
#endif

SelfSignedCertificate::Options localOptions()
{
    SelfSignedCertificate::Options o;
    o.commonName = QStringLiteral("Outpost test server");
    o.dnsNames = {QStringLiteral("localhost"), QStringLiteral("sync.example.org")};
    o.ipAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    return o;
}

struct Pair
{
    QString cert;
    QString key;
};

Pair generateOrFail(const TempDir& dir, const SelfSignedCertificate::Options& options)
{
    Pair p{dir.filePath(QStringLiteral("server.crt")), dir.filePath(QStringLiteral("server.key"))};
    const Status s = SelfSignedCertificate::generate(options, p.cert, p.key);
    EXPECT_TRUE(s.ok()) << s.message().toStdString();
    return p;
}

QString commonNameOf(X509* cert)
{
    char buf[256] = {};
    const int n = X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf, sizeof buf);
    return n < 0 ? QString() : QString::fromUtf8(buf, n);
}

QStringList subjectAltNames(X509* cert)
{
    std::unique_ptr<GENERAL_NAMES, GeneralNamesFree> names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    QStringList out;
    if (!names)
        return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type == GEN_DNS) {
            const ASN1_STRING* s = name->d.dNSName;
            out << QStringLiteral("DNS:") +
                       QString::fromLatin1(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                           ASN1_STRING_length(s));
        } else if (name->type == GEN_IPADD) {
            out << QStringLiteral("IP:%1 bytes").arg(ASN1_STRING_length(name->d.iPAddress));
        } else {
            out << QStringLiteral("other");
        }
    }
    return out;
}

QStringList directoryEntries(const TempDir& dir)
{
    return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

TEST(SelfSignedCertificate, GeneratedFilesLoadAndTheKeyMatchesTheCertificate)
{
    TempDir dir;
    const Pair p = generateOrFail(dir, localOptions());
    const X509Ptr cert = loadCertificate(p.cert);
    const PkeyPtr key = loadKey(p.key);
    ASSERT_TRUE(cert) << "certificate PEM does not load";
    ASSERT_TRUE(key) << "key PEM does not load";
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
    EXPECT_EQ(X509_verify(cert.get(), X509_get0_pubkey(cert.get())), 1)
        << "self-signed: verifies with its own key";
    EXPECT_TRUE(test::readFileBytes(p.key).startsWith("-----BEGIN PRIVATE KEY-----")) << "unencrypted PKCS#8";
    EXPECT_TRUE(test::readFileBytes(p.cert).startsWith("-----BEGIN CERTIFICATE-----"));
    EXPECT_EQ(directoryEntries(dir),
              (QStringList{QStringLiteral("server.crt"), QStringLiteral("server.key")}))
        << "no temporary files left behind";
}

TEST(SelfSignedCertificate, CertificateHasTheRequestedNamesAndAddresses)
{
    TempDir dir;
    const Pair p = generateOrFail(dir, localOptions());
    const X509Ptr cert = loadCertificate(p.cert);
    ASSERT_TRUE(cert);
    EXPECT_EQ(commonNameOf(cert.get()), QStringLiteral("Outpost test server"));
    EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())), 0);

    EXPECT_EQ(subjectAltNames(cert.get()),
              (QStringList{QStringLiteral("DNS:localhost"), QStringLiteral("DNS:sync.example.org"),
                           QStringLiteral("IP:4 bytes"), QStringLiteral("IP:16 bytes")}));
    EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "sync.example.org", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "::1", 0), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "evil.example.org", 0, 0, nullptr), 0);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "10.0.0.1", 0), 0);
}

TEST(SelfSignedCertificate, CertificateIsAnEndEntityServerCertificate)
{
    TempDir dir;
    const Pair p = generateOrFail(dir, localOptions());
    const X509Ptr cert = loadCertificate(p.cert);
    ASSERT_TRUE(cert);
    X509* c = cert.get();

    EXPECT_EQ(X509_get_version(c), X509_VERSION_3);
    EXPECT_EQ(X509_check_ca(c), 0) << "CA:FALSE";
    const uint32_t flags = X509_get_extension_flags(c);
    EXPECT_TRUE(flags & EXFLAG_BCONS) << "basicConstraints present";
    EXPECT_FALSE(flags & EXFLAG_CA);
    const int bcIndex = X509_get_ext_by_NID(c, NID_basic_constraints, -1);
    ASSERT_GE(bcIndex, 0);
    EXPECT_EQ(X509_EXTENSION_get_critical(X509_get_ext(c, bcIndex)), 1);

    EXPECT_EQ(X509_get_key_usage(c), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE));
    const int kuIndex = X509_get_ext_by_NID(c, NID_key_usage, -1);
    ASSERT_GE(kuIndex, 0);
    EXPECT_EQ(X509_EXTENSION_get_critical(X509_get_ext(c, kuIndex)), 1);
    EXPECT_EQ(X509_get_extended_key_usage(c), static_cast<uint32_t>(XKU_SSL_SERVER));
    EXPECT_EQ(X509_check_purpose(c, X509_PURPOSE_SSL_SERVER, 0), 1);
    EXPECT_NE(X509_get0_subject_key_id(c), nullptr);
    EXPECT_NE(X509_get0_authority_key_id(c), nullptr);

    EXPECT_EQ(X509_get_signature_nid(c), NID_ecdsa_with_SHA256);
    const ASN1_INTEGER* serial = X509_get0_serialNumber(c);
    ASSERT_NE(serial, nullptr);
    EXPECT_NE(serial->type & V_ASN1_NEG, V_ASN1_NEG) << "serial must be positive";
    EXPECT_LE(ASN1_STRING_length(serial), 20);

    EVP_PKEY* pub = X509_get0_pubkey(c);
    EXPECT_TRUE(EVP_PKEY_is_a(pub, "EC"));
    EXPECT_EQ(EVP_PKEY_get_bits(pub), 256);
    char group[64] = {};
    size_t groupLength = 0;
    ASSERT_EQ(EVP_PKEY_get_group_name(pub, group, sizeof group, &groupLength), 1);
    EXPECT_STREQ(group, "prime256v1");
}

TEST(SelfSignedCertificate, ValidityStartsNowAndLastsTheRequestedDays)
{
    TempDir dir;
    SelfSignedCertificate::Options options = localOptions();
    options.validityDays = 30;
    const Pair p = generateOrFail(dir, options);
    const X509Ptr cert = loadCertificate(p.cert);
    ASSERT_TRUE(cert);
    EXPECT_LT(X509_cmp_current_time(X509_get0_notBefore(cert.get())), 0) << "already valid";
    EXPECT_GT(X509_cmp_current_time(X509_get0_notAfter(cert.get())), 0) << "not yet expired";
    int days = 0;
    int seconds = 0;
    ASSERT_EQ(
        ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())), 1);
    EXPECT_EQ(days, 30);
    EXPECT_EQ(seconds, 300) << "backdated five minutes for clock skew";
}

#ifdef Q_OS_UNIX
TEST(SelfSignedCertificate, KeyFileIsReadableByTheOwnerOnly)
{
    TempDir dir;
    const Pair p = generateOrFail(dir, localOptions());
    EXPECT_EQ(fileMode(p.key), 0600u);
    EXPECT_EQ(fileMode(p.cert), 0644u);
}
#endif

TEST(SelfSignedCertificate, Rsa3072KeysWorkToo)
{
    TempDir dir;
    SelfSignedCertificate::Options options = localOptions();
    options.keyType = SelfSignedCertificate::KeyType::Rsa3072;
    const Pair p = generateOrFail(dir, options);
    const X509Ptr cert = loadCertificate(p.cert);
    const PkeyPtr key = loadKey(p.key);
    ASSERT_TRUE(cert);
    ASSERT_TRUE(key);
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
    EXPECT_TRUE(EVP_PKEY_is_a(key.get(), "RSA"));
    EXPECT_EQ(EVP_PKEY_get_bits(key.get()), 3072);
    EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_sha256WithRSAEncryption);
    EXPECT_EQ(X509_get_key_usage(cert.get()),
              static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
#ifdef Q_OS_UNIX
    EXPECT_EQ(fileMode(p.key), 0600u);
#endif
}

TEST(SelfSignedCertificate, CommonNameDefaultsToTheFirstName)
{
    TempDir dir;
    SelfSignedCertificate::Options options;
    options.ipAddresses = {QStringLiteral("192.0.2.10")};
    Pair p = generateOrFail(dir, options);
    X509Ptr cert = loadCertificate(p.cert);
    ASSERT_TRUE(cert);
    EXPECT_EQ(commonNameOf(cert.get()), QStringLiteral("192.0.2.10"));
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "192.0.2.10", 0), 1);

    options.dnsNames = {QStringLiteral("Outpost.Example.Org")};
    options.overwrite = true;
    p = generateOrFail(dir, options);
    cert = loadCertificate(p.cert);
    ASSERT_TRUE(cert);
    EXPECT_EQ(commonNameOf(cert.get()), QStringLiteral("outpost.example.org"));
}

TEST(SelfSignedCertificate, WildcardAndInternationalisedNamesAreEncodedForDns)
{
    TempDir dir;
    SelfSignedCertificate::Options options;
    options.dnsNames = {QStringLiteral("*.example.org"), QStringLiteral("b\u00fccher.example")};
    const Pair p = generateOrFail(dir, options);
    const X509Ptr cert = loadCertificate(p.cert);
    ASSERT_TRUE(cert);
    EXPECT_EQ(subjectAltNames(cert.get()), (QStringList{QStringLiteral("DNS:*.example.org"),
                                                        QStringLiteral("DNS:xn--bcher-kva.example")}));
    EXPECT_EQ(X509_check_host(cert.get(), "sync.example.org", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "xn--bcher-kva.example", 0, 0, nullptr), 1);
}

TEST(SelfSignedCertificate, InvalidRequestsAreRefusedWithAClearMessageAndNoFiles)
{
    struct Case
    {
        const char* what;
        std::function<void(SelfSignedCertificate::Options&)> edit;
    };
    const std::vector<Case> cases{
        {"no names",
         [](auto& o) {
             o.dnsNames.clear();
             o.ipAddresses.clear();
         }},
        {"space in a DNS name", [](auto& o) { o.dnsNames = {QStringLiteral("exa mple.org")}; }},
        {"SAN injection", [](auto& o) { o.dnsNames = {QStringLiteral("localhost,IP:10.0.0.1")}; }},
        {"leading hyphen", [](auto& o) { o.dnsNames = {QStringLiteral("-bad.example.org")}; }},
        {"empty label", [](auto& o) { o.dnsNames = {QStringLiteral("bad..example.org")}; }},
        {"underscore", [](auto& o) { o.dnsNames = {QStringLiteral("bad_name.example.org")}; }},
        {"top-level wildcard", [](auto& o) { o.dnsNames = {QStringLiteral("*.org")}; }},
        {"empty DNS name", [](auto& o) { o.dnsNames = {QString()}; }},
        {"IP as DNS name", [](auto& o) { o.dnsNames = {QStringLiteral("10.0.0.1")}; }},
        {"label too long",
         [](auto& o) { o.dnsNames = {QString(64, QLatin1Char('a')) + QStringLiteral(".org")}; }},
        {"bad IPv4", [](auto& o) { o.ipAddresses = {QStringLiteral("999.0.0.1")}; }},
        {"bad IPv6", [](auto& o) { o.ipAddresses = {QStringLiteral("1::2::3")}; }},
        {"empty IP", [](auto& o) { o.ipAddresses = {QString()}; }},
        {"host name as IP", [](auto& o) { o.ipAddresses = {QStringLiteral("localhost")}; }},
        {"zero days", [](auto& o) { o.validityDays = 0; }},
        {"too many days", [](auto& o) { o.validityDays = SelfSignedCertificate::MaxValidityDays + 1; }},
        {"long common name", [](auto& o) { o.commonName = QString(65, QLatin1Char('c')); }},
    };
    for (const Case& c : cases) {
        TempDir dir;
        SelfSignedCertificate::Options options = localOptions();
        c.edit(options);
        const Status s = SelfSignedCertificate::generate(options, dir.filePath(QStringLiteral("c.pem")),
                                                         dir.filePath(QStringLiteral("k.pem")));
        ASSERT_FALSE(s.ok()) << c.what;
        EXPECT_EQ(s.code(), ErrorCode::InvalidArgument) << c.what;
        EXPECT_FALSE(s.message().isEmpty()) << c.what;
        EXPECT_TRUE(directoryEntries(dir).isEmpty()) << c.what;
        EXPECT_EQ(ERR_peek_error(), 0ul) << c.what << ": the OpenSSL error queue is left clean";
    }

    TempDir dir;
    const QString same = dir.filePath(QStringLiteral("both.pem"));
    const Status s = SelfSignedCertificate::generate(localOptions(), same, same);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), ErrorCode::InvalidArgument);
}

TEST(SelfSignedCertificate, ExistingFilesAreKeptUnlessOverwriteIsAsked)
{
    TempDir dir;
    const Pair first = generateOrFail(dir, localOptions());
    const QByteArray certBefore = test::sha256OfFile(first.cert);
    const QByteArray keyBefore = test::sha256OfFile(first.key);

    const Status again = SelfSignedCertificate::generate(localOptions(), first.cert, first.key);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.code(), ErrorCode::AlreadyExists);
    EXPECT_TRUE(again.message().contains(QDir::toNativeSeparators(first.cert)))
        << again.message().toStdString();
    EXPECT_EQ(test::sha256OfFile(first.cert), certBefore);
    EXPECT_EQ(test::sha256OfFile(first.key), keyBefore);

    // Only the key exists: still refused, and nothing is written.
    const QString otherCert = dir.filePath(QStringLiteral("other.crt"));
    EXPECT_EQ(SelfSignedCertificate::generate(localOptions(), otherCert, first.key).code(),
              ErrorCode::AlreadyExists);
    EXPECT_FALSE(QFile::exists(otherCert));

    SelfSignedCertificate::Options options = localOptions();
    options.overwrite = true;
    const Status replaced = SelfSignedCertificate::generate(options, first.cert, first.key);
    ASSERT_TRUE(replaced.ok()) << replaced.message().toStdString();
    EXPECT_NE(test::sha256OfFile(first.cert), certBefore);
    EXPECT_NE(test::sha256OfFile(first.key), keyBefore);
    const X509Ptr cert = loadCertificate(first.cert);
    const PkeyPtr key = loadKey(first.key);
    ASSERT_TRUE(cert && key);
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
#ifdef Q_OS_UNIX
    EXPECT_EQ(fileMode(first.key), 0600u);
#endif
    EXPECT_EQ(directoryEntries(dir),
              (QStringList{QStringLiteral("server.crt"), QStringLiteral("server.key")}));
}

TEST(SelfSignedCertificate, UnwritableDestinationIsAnIoError)
{
    TempDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/folder"));
    const Status s = SelfSignedCertificate::generate(localOptions(), missing + QStringLiteral("/c.pem"),
                                                     missing + QStringLiteral("/k.pem"));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), ErrorCode::Io);
    EXPECT_FALSE(s.message().isEmpty());
    EXPECT_TRUE(directoryEntries(dir).isEmpty());
}

TEST(SelfSignedCertificate, FingerprintIsSha256OfTheDerAsColonSeparatedHex)
{
    TempDir dir;
    const Pair p = generateOrFail(dir, localOptions());
    const Result<QString> fingerprint = SelfSignedCertificate::sha256Fingerprint(p.cert);
    ASSERT_TRUE(fingerprint.ok()) << fingerprint.message().toStdString();
    EXPECT_EQ(fingerprint.value().size(), 95);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"))
                    .match(fingerprint.value())
                    .hasMatch())
        << fingerprint.value().toStdString();

    // Independently: SHA-256 over the DER encoding.
    const X509Ptr cert = loadCertificate(p.cert);
    ASSERT_TRUE(cert);
    unsigned char* der = nullptr;
    const int derLength = i2d_X509(cert.get(), &der);
    ASSERT_GT(derLength, 0);
    const QByteArray digest = QCryptographicHash::hash(
        QByteArray(reinterpret_cast<const char*>(der), derLength), QCryptographicHash::Sha256);
    OPENSSL_free(der);
    EXPECT_EQ(fingerprint.value(), QString::fromLatin1(digest.toHex(':').toUpper()));

    const Result<QString> fromPem =
        SelfSignedCertificate::sha256FingerprintOfPem(test::readFileBytes(p.cert));
    ASSERT_TRUE(fromPem.ok());
    EXPECT_EQ(fromPem.value(), fingerprint.value());
}

TEST(SelfSignedCertificate, FingerprintOfAMissingOrWrongFileIsAnError)
{
    TempDir dir;
    const Result<QString> missing =
        SelfSignedCertificate::sha256Fingerprint(dir.filePath(QStringLiteral("nope.pem")));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.code(), ErrorCode::Io);
    EXPECT_FALSE(missing.message().isEmpty());

    // The private key is not a certificate.
    const Pair p = generateOrFail(dir, localOptions());
    const Result<QString> key = SelfSignedCertificate::sha256Fingerprint(p.key);
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(key.message().contains(QStringLiteral("BEGIN CERTIFICATE"))) << key.message().toStdString();
    EXPECT_EQ(ERR_peek_error(), 0ul);

    const Result<QString> garbage = SelfSignedCertificate::sha256FingerprintOfPem(QByteArrayLiteral("hello"));
    EXPECT_FALSE(garbage.ok());
}
