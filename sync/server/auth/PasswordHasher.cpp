#include "auth/PasswordHasher.h"

#include "auth/OpenSslSupport.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <QList>
#include <QStringView>

namespace outpost::auth {

using detail::cleanse;
using detail::ucharData;

namespace {

const QLatin1String Scheme("scrypt");
constexpr QChar Separator = QLatin1Char('$');

// Salts and outputs accepted from a stored string. Shorter ones still verify (needsRehash() flags them);
// the upper bounds keep a planted string from asking for absurd sizes.
constexpr qsizetype MinStoredSalt = 8;
constexpr qsizetype MaxStoredSalt = 64;
constexpr qsizetype MinStoredHash = 16;
constexpr qsizetype MaxStoredHash = 64;

struct ParsedHash
{
    ScryptParameters parameters;
    QByteArray salt;
    QByteArray hash;
};

// scrypt needs 128 * r * (N + 2) bytes for V plus 128 * r * p for B; OpenSSL refuses anything above
// `maxmem`, whose default (32 MiB) is just below what N = 2^15, r = 8 needs, so it is always passed.
quint64 memoryNeeded(const ScryptParameters& p)
{
    const quint64 n = quint64(1) << p.log2N;
    return 128ull * quint64(p.r) * (n + 2) + 128ull * quint64(p.r) * quint64(p.p);
}

bool withinLimits(const ScryptParameters& p)
{
    return p.log2N >= 1 && p.log2N <= PasswordHasher::MaxLog2N && p.r >= 1 && p.r <= PasswordHasher::MaxR &&
           p.p >= 1 && p.p <= PasswordHasher::MaxP && memoryNeeded(p) <= PasswordHasher::MaxMemoryBytes;
}

// A decimal number in canonical form ("15", not "015" or "+15"), so one hash has exactly one spelling.
std::optional<int> parseCanonicalInt(QStringView text)
{
    if (text.isEmpty() || text.size() > 4 || (text.size() > 1 && text.front() == QLatin1Char('0')))
        return std::nullopt;
    int value = 0;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
        value = value * 10 + (c.unicode() - '0');
    }
    return value;
}

std::optional<QByteArray> parseBase64(QStringView text, qsizetype minSize, qsizetype maxSize)
{
    if (text.isEmpty() || text.contains(QLatin1Char('=')))
        return std::nullopt;
    const QByteArray latin1 = text.toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(latin1, QByteArray::Base64Encoding |
                                                              QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < minSize || decoded.decoded.size() > maxSize)
        return std::nullopt;
    // Reject non-canonical spellings (stray bits in the last character): re-encoding must give the input.
    if (decoded.decoded.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals) != latin1)
        return std::nullopt;
    return std::move(decoded.decoded);
}

std::optional<ParsedHash> parse(const QString& encoded)
{
    // Long enough for the largest legal salt and hash; anything longer is not ours.
    if (encoded.size() > 300)
        return std::nullopt;
    const QList<QStringView> parts = QStringView(encoded).split(Separator);
    if (parts.size() != 6 || parts.at(0) != Scheme)
        return std::nullopt;
    const auto log2N = parseCanonicalInt(parts.at(1));
    const auto r = parseCanonicalInt(parts.at(2));
    const auto p = parseCanonicalInt(parts.at(3));
    if (!log2N || !r || !p)
        return std::nullopt;
    ParsedHash parsed;
    parsed.parameters = ScryptParameters{*log2N, *r, *p};
    if (!withinLimits(parsed.parameters))
        return std::nullopt;
    auto salt = parseBase64(parts.at(4), MinStoredSalt, MaxStoredSalt);
    auto hash = parseBase64(parts.at(5), MinStoredHash, MaxStoredHash);
    if (!salt || !hash)
        return std::nullopt;
    parsed.salt = std::move(*salt);
    parsed.hash = std::move(*hash);
    return parsed;
}

// NFC, then UTF-8. Every intermediate copy that differs from the caller's string is wiped; the caller
// wipes the returned bytes.
QByteArray passwordBytes(const QString& password)
{
    QString nfc = password.normalized(QString::NormalizationForm_C);
    QByteArray utf8 = nfc.toUtf8();
    if (nfc.constData() != password.constData())
        cleanse(nfc);
    return utf8;
}

bool derive(const QByteArray& password, const QByteArray& salt, const ScryptParameters& p, QByteArray& out)
{
    const int ok = EVP_PBE_scrypt(
        password.isEmpty() ? "" : password.constData(), static_cast<size_t>(password.size()), ucharData(salt),
        static_cast<size_t>(salt.size()), quint64(1) << p.log2N, quint64(p.r), quint64(p.p),
        memoryNeeded(p) + 64 * 1024, ucharData(out), static_cast<size_t>(out.size()));
    if (ok != 1) {
        detail::takeOpenSslErrors();
        return false;
    }
    return true;
}

QString encodeBase64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
}

} // namespace

PasswordHasher::PasswordHasher(ScryptParameters parameters)
    : m_parameters(parameters)
{
    Q_ASSERT_X(withinLimits(parameters), "PasswordHasher", "scrypt parameters outside the accepted limits");
    if (!withinLimits(m_parameters))
        m_parameters = DefaultParameters;
}

QString PasswordHasher::passwordProblem(const QString& password)
{
    if (password.isEmpty())
        return tr("The password is empty. Enter a password.");
    QByteArray bytes = passwordBytes(password);
    const qsizetype size = bytes.size();
    cleanse(bytes);
    if (size > MaxPasswordBytes)
        return tr("The password is longer than %1 bytes. Choose a shorter password.").arg(MaxPasswordBytes);
    return {};
}

Result<QString> PasswordHasher::hash(const QString& password) const
{
    if (const QString problem = passwordProblem(password); !problem.isEmpty())
        return Error(ErrorCode::InvalidArgument, problem);

    QByteArray salt(SaltSize, Qt::Uninitialized);
    if (RAND_bytes(ucharData(salt), SaltSize) != 1) {
        const QString detail = detail::takeOpenSslErrors();
        return Error(ErrorCode::Crypto,
                     tr("The server could not get random bytes to hash the password (%1). Check the server's "
                        "OpenSSL installation and try again.")
                         .arg(detail));
    }

    QByteArray bytes = passwordBytes(password);
    QByteArray out(HashSize, Qt::Uninitialized);
    const bool ok = derive(bytes, salt, m_parameters, out);
    cleanse(bytes);
    if (!ok) {
        cleanse(out);
        return Error(ErrorCode::Crypto,
                     tr("The server could not hash the password (scrypt failed). Check the "
                        "server's OpenSSL installation and memory limits."));
    }
    const QString encoded = Scheme + Separator + QString::number(m_parameters.log2N) + Separator +
                            QString::number(m_parameters.r) + Separator + QString::number(m_parameters.p) +
                            Separator + encodeBase64(salt) + Separator + encodeBase64(out);
    cleanse(out);
    return encoded;
}

bool PasswordHasher::verify(const QString& password, const QString& encoded) const
{
    if (!passwordProblem(password).isEmpty())
        return false;
    std::optional<ParsedHash> parsed = parse(encoded);
    if (!parsed)
        return false;

    QByteArray bytes = passwordBytes(password);
    QByteArray out(parsed->hash.size(), Qt::Uninitialized);
    const bool derived = derive(bytes, parsed->salt, parsed->parameters, out);
    cleanse(bytes);
    const bool match = derived && CRYPTO_memcmp(out.constData(), parsed->hash.constData(),
                                                static_cast<size_t>(out.size())) == 0;
    cleanse(out);
    cleanse(parsed->hash);
    return match;
}

bool PasswordHasher::needsRehash(const QString& encoded) const
{
    const std::optional<ParsedHash> parsed = parse(encoded);
    if (!parsed)
        return true;
    const ScryptParameters& have = parsed->parameters;
    return have.log2N < m_parameters.log2N || have.r < m_parameters.r || have.p < m_parameters.p ||
           parsed->salt.size() < SaltSize || parsed->hash.size() < HashSize;
}

} // namespace outpost::auth
