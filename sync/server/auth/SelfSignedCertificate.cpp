#include "auth/SelfSignedCertificate.h"

#include "auth/OpenSslSupport.h"
#include "util/FileUtil.h"

#include <array>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QUrl>
#include <utility>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace outpost::auth {

using namespace detail;

namespace {

constexpr qint64 MaxCertificateFileSize = 1024 * 1024;
constexpr long BackdateSeconds = 5 * 60;
constexpr qsizetype MaxCommonNameLength = 64; // RFC 5280 ub-common-name

Error cryptoError(const char* step)
{
    const QString detail = takeOpenSslErrors();
    return Error(ErrorCode::Crypto,
                 SelfSignedCertificate::tr("Could not make the certificate: OpenSSL failed to %1 (%2). Check "
                                           "the server's OpenSSL installation.")
                     .arg(QLatin1String(step), detail));
}

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

// RFC 1035/1123 host name in ASCII (after IDNA), optionally with a leading "*." wildcard label.
bool isValidDnsName(const QByteArray& name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    QByteArray rest = name;
    if (rest.startsWith("*.")) {
        rest = rest.mid(2);
        if (!rest.contains('.'))
            return false; // "*.com"-style wildcards match whole top-level domains
    }
    const QList<QByteArray> labels = rest.split('.');
    for (const QByteArray& label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-'))
            return false;
        for (const char c : label) {
            const bool ok =
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok)
                return false;
        }
    }
    return true;
}

// The ACE (xn--) form of a possibly internationalised name, lower-cased; empty if it is not a valid name.
QByteArray asciiDnsName(const QString& name)
{
    const QString trimmed = name.trimmed();
    const bool wildcard = trimmed.startsWith(QLatin1String("*."));
    const QString host = wildcard ? trimmed.mid(2) : trimmed;
    if (host.isEmpty())
        return {};
    QByteArray ace = QUrl::toAce(host).toLower();
    if (ace.isEmpty())
        return {};
    if (Asn1OctetStringPtr(a2i_IPADDRESS(ace.constData()))) // an IP address belongs in ipAddresses
        return {};
    ERR_clear_error();
    if (wildcard)
        ace.prepend("*.");
    return isValidDnsName(ace) ? ace : QByteArray();
}

Status addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    // Only constant strings reach here; names from the caller go through addSubjectAltNames().
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
    if (ext == nullptr)
        return cryptoError("build a certificate extension");
    const int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    if (ok != 1)
        return cryptoError("add a certificate extension");
    return {};
}

// subjectAltName built as GENERAL_NAMEs, not from a config string, so a name cannot smuggle in ",IP:...".
Status addSubjectAltNames(X509* cert, const QList<QByteArray>& dnsNames, const QStringList& ipAddresses)
{
    GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
    if (!names)
        return cryptoError("allocate the subject alternative names");
    for (const QByteArray& dns : dnsNames) {
        Asn1Ia5StringPtr ia5(ASN1_IA5STRING_new());
        GeneralNamePtr name(GENERAL_NAME_new());
        if (!ia5 || !name || ASN1_STRING_set(ia5.get(), dns.constData(), static_cast<int>(dns.size())) != 1)
            return cryptoError("encode a DNS name");
        GENERAL_NAME_set0_value(name.get(), GEN_DNS, ia5.release());
        if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0)
            return cryptoError("add a DNS name");
        (void)name.release();
    }
    for (const QString& ip : ipAddresses) {
        Asn1OctetStringPtr octets(a2i_IPADDRESS(ip.trimmed().toLatin1().constData()));
        GeneralNamePtr name(GENERAL_NAME_new());
        if (!octets || !name)
            return cryptoError("encode an IP address");
        GENERAL_NAME_set0_value(name.get(), GEN_IPADD, octets.release());
        if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0)
            return cryptoError("add an IP address");
        (void)name.release();
    }
    if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1)
        return cryptoError("add the subject alternative names");
    return {};
}

PkeyPtr generateKey(SelfSignedCertificate::KeyType type)
{
    if (type == SelfSignedCertificate::KeyType::Rsa3072)
        return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(3072)));
    return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

Result<QByteArray> toPem(X509* cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return cryptoError("write the certificate as PEM");
    return bioContents(bio.get());
}

Result<QByteArray> toPem(EVP_PKEY* key)
{
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return cryptoError("write the private key as PEM");
    return bioContents(bio.get());
}

// A finished file in the destination folder under a temporary name, created with `permissions` (so a key
// is owner-only from its first byte), flushed to disk. The caller moves it into place or removes it.
Result<QString> writeTemporary(const QString& finalPath, const QByteArray& data,
                               QFile::Permissions permissions)
{
    const QFileInfo info(finalPath);
    QTemporaryFile file(
        info.absoluteDir().filePath(QLatin1Char('.') + info.fileName() + QStringLiteral(".XXXXXX")));
    file.setAutoRemove(false);
    // QTemporaryFile creates the file with mode 0600.
    if (!file.open())
        return Error(ErrorCode::Io,
                     SelfSignedCertificate::tr("Could not create a file in %1: %2. Check that the "
                                               "folder exists and is writable.")
                         .arg(QDir::toNativeSeparators(info.absolutePath()), file.errorString()));
    const QString tempPath = file.fileName();
    bool ok = file.setPermissions(permissions) && file.write(data) == data.size() && file.flush();
#ifdef Q_OS_UNIX
    ok = ok && ::fsync(file.handle()) == 0;
#endif
    const QString error = file.errorString();
    file.close();
    if (!ok) {
        QFile::remove(tempPath);
        return Error(ErrorCode::Io,
                     SelfSignedCertificate::tr("Could not write %1: %2. Check the free disk space "
                                               "and the folder's permissions.")
                         .arg(QDir::toNativeSeparators(finalPath), error));
    }
    return tempPath;
}

Status moveIntoPlace(const QString& tempPath, const QString& finalPath, bool overwrite)
{
    if (overwrite)
        return replaceFile(tempPath, finalPath);
    // QFile::rename never replaces an existing file, so a file created since the first check survives.
    QFile temp(tempPath);
    if (!temp.rename(finalPath))
        return Error(QFileInfo::exists(finalPath) ? ErrorCode::AlreadyExists : ErrorCode::Io,
                     SelfSignedCertificate::tr("Could not create %1: %2.")
                         .arg(QDir::toNativeSeparators(finalPath), temp.errorString()));
    return {};
}

QString hexWithColons(const unsigned char* data, unsigned int size)
{
    QString out;
    out.reserve(static_cast<qsizetype>(size) * 3);
    for (unsigned int i = 0; i < size; ++i) {
        if (i > 0)
            out.append(QLatin1Char(':'));
        out.append(QStringLiteral("%1").arg(uint(data[i]), 2, 16, QLatin1Char('0')).toUpper());
    }
    return out;
}

} // namespace

Status SelfSignedCertificate::generate(const Options& options, const QString& certificatePath,
                                       const QString& keyPath)
{
    // --- Validate everything before making anything.
    if (certificatePath.isEmpty() || keyPath.isEmpty())
        return invalid(tr("No file name was given for the certificate or the key."));
    if (QFileInfo(certificatePath).absoluteFilePath() == QFileInfo(keyPath).absoluteFilePath())
        return invalid(tr("The certificate and the key must go to two different files."));
    if (options.validityDays < 1 || options.validityDays > MaxValidityDays)
        return invalid(tr("The validity must be between 1 and %1 days; %2 was given.")
                           .arg(MaxValidityDays)
                           .arg(options.validityDays));
    QList<QByteArray> dnsNames;
    for (const QString& name : options.dnsNames) {
        const QByteArray ascii = asciiDnsName(name);
        if (ascii.isEmpty())
            return invalid(tr("\u201c%1\u201d is not a valid DNS name. Use a host name such as "
                              "\u201clocalhost\u201d or \u201csync.example.org\u201d.")
                               .arg(name));
        dnsNames << ascii;
    }
    for (const QString& ip : options.ipAddresses) {
        Asn1OctetStringPtr parsed(a2i_IPADDRESS(ip.trimmed().toLatin1().constData()));
        if (!parsed || ip.trimmed().isEmpty()) {
            ERR_clear_error();
            return invalid(tr("\u201c%1\u201d is not a valid IP address. Use an address such as "
                              "\u201c127.0.0.1\u201d or \u201c::1\u201d.")
                               .arg(ip));
        }
    }
    if (dnsNames.isEmpty() && options.ipAddresses.isEmpty())
        return invalid(tr("The certificate needs at least one DNS name or IP address that clients will use "
                          "to reach the server, such as \u201clocalhost\u201d or \u201c127.0.0.1\u201d."));
    QString commonName = options.commonName.trimmed();
    if (commonName.isEmpty())
        commonName = dnsNames.isEmpty() ? options.ipAddresses.first().trimmed()
                                        : QString::fromLatin1(dnsNames.first());
    if (commonName.size() > MaxCommonNameLength)
        return invalid(tr("The common name is longer than %1 characters. Choose a shorter name.")
                           .arg(MaxCommonNameLength));
    for (const QString& path : {certificatePath, keyPath}) {
        if (!options.overwrite && QFileInfo::exists(path))
            return Error(ErrorCode::AlreadyExists,
                         tr("%1 already exists. Choose another file name, or allow replacing the existing "
                            "certificate and key.")
                             .arg(QDir::toNativeSeparators(path)));
    }

    // --- Key and certificate.
    PkeyPtr key = generateKey(options.keyType);
    if (!key)
        return cryptoError("generate the private key");
    X509Ptr cert(X509_new());
    if (!cert)
        return cryptoError("allocate the certificate");
    if (X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return cryptoError("set the certificate version");

    BignumPtr serial(BN_new());
    // 159 random bits: positive and at most 20 octets once DER-encoded, as RFC 5280 requires.
    if (!serial || BN_rand(serial.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr)
        return cryptoError("make a serial number");

    if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -BackdateSeconds) == nullptr ||
        X509_time_adj_ex(X509_getm_notAfter(cert.get()), options.validityDays, 0, nullptr) == nullptr)
        return cryptoError("set the validity period");

    X509_NAME* subject = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.toUtf8();
    if (X509_NAME_add_entry_by_NID(subject, NID_commonName, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(cn.constData()),
                                   static_cast<int>(cn.size()), -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), subject) != 1)
        return cryptoError("set the certificate's name");
    if (X509_set_pubkey(cert.get(), key.get()) != 1)
        return cryptoError("put the public key into the certificate");

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    const char* keyUsage = options.keyType == KeyType::Rsa3072 ? "critical,digitalSignature,keyEncipherment"
                                                               : "critical,digitalSignature";
    for (const auto& [nid, value] :
         {std::pair{NID_basic_constraints, "critical,CA:FALSE"}, std::pair{NID_key_usage, keyUsage},
          std::pair{NID_ext_key_usage, "serverAuth"}, std::pair{NID_subject_key_identifier, "hash"},
          std::pair{NID_authority_key_identifier, "keyid:always"}}) {
        if (Status s = addExtension(cert.get(), &ctx, nid, value); !s)
            return s;
    }
    if (Status s = addSubjectAltNames(cert.get(), dnsNames, options.ipAddresses); !s)
        return s;

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return cryptoError("sign the certificate");

    // --- Files: both written under temporary names first, then moved into place.
    Result<QByteArray> certPem = toPem(cert.get());
    if (!certPem)
        return certPem.error();
    Result<QByteArray> keyPem = toPem(key.get());
    if (!keyPem)
        return keyPem.error();

    Result<QString> keyTemp = writeTemporary(keyPath, *keyPem, QFile::ReadOwner | QFile::WriteOwner);
    cleanse(*keyPem);
    if (!keyTemp)
        return keyTemp.error();
    Result<QString> certTemp =
        writeTemporary(certificatePath, *certPem,
                       QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    if (!certTemp) {
        QFile::remove(*keyTemp);
        return certTemp.error();
    }
    if (Status s = moveIntoPlace(*keyTemp, keyPath, options.overwrite); !s) {
        QFile::remove(*keyTemp);
        QFile::remove(*certTemp);
        return s;
    }
    if (Status s = moveIntoPlace(*certTemp, certificatePath, options.overwrite); !s) {
        QFile::remove(*certTemp);
        QFile::remove(keyPath); // a key without its certificate is of no use, and should not linger
        return s;
    }
    return {};
}

Result<QString> SelfSignedCertificate::sha256FingerprintOfPem(const QByteArray& pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) {
        const QString detail = takeOpenSslErrors();
        return Error(ErrorCode::InvalidArgument,
                     tr("The text is not a PEM certificate (%1). Give the server's certificate file, the one "
                        "that starts with \u201c-----BEGIN CERTIFICATE-----\u201d.")
                         .arg(detail));
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (X509_digest(cert.get(), EVP_sha256(), digest.data(), &size) != 1)
        return cryptoError("compute the certificate's fingerprint");
    return hexWithColons(digest.data(), size);
}

Result<QString> SelfSignedCertificate::sha256Fingerprint(const QString& certificatePath)
{
    QFile file(certificatePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("Could not read the certificate %1: %2.")
                                        .arg(QDir::toNativeSeparators(certificatePath), file.errorString()));
    if (file.size() > MaxCertificateFileSize)
        return Error(ErrorCode::InvalidArgument,
                     tr("%1 is too large to be a certificate. Check the file name.")
                         .arg(QDir::toNativeSeparators(certificatePath)));
    const QByteArray pem = file.read(MaxCertificateFileSize + 1);
    Result<QString> fingerprint = sha256FingerprintOfPem(pem);
    if (!fingerprint)
        return Error(fingerprint.code(), QDir::toNativeSeparators(certificatePath) + QStringLiteral(": ") +
                                             fingerprint.message());
    return fingerprint;
}

} // namespace outpost::auth
