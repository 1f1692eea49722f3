#include "auth/Tokens.h"

#include "auth/OpenSslSupport.h"

#include <algorithm>
#include <array>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <QByteArray>

namespace outpost::auth {

QString randomToken(int bytes)
{
    Q_ASSERT_X(bytes >= MinTokenBytes && bytes <= MaxTokenBytes, "randomToken", "token size out of range");
    bytes = std::clamp(bytes, MinTokenBytes, MaxTokenBytes);
    QByteArray raw(bytes, Qt::Uninitialized);
    if (RAND_bytes(detail::ucharData(raw), bytes) != 1)
        qFatal("OpenSSL RAND_bytes failed: no secure randomness available (%s)",
               qPrintable(detail::takeOpenSslErrors()));
    const QString token =
        QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    detail::cleanse(raw);
    return token;
}

QString tokenDigest(QStringView token)
{
    QByteArray utf8 = token.toUtf8();
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(utf8.constData(), static_cast<size_t>(utf8.size()), digest.data(), &size, EVP_sha256(),
                   nullptr) != 1)
        qFatal("OpenSSL SHA-256 failed (%s)", qPrintable(detail::takeOpenSslErrors()));
    detail::cleanse(utf8);
    const QByteArray hex =
        QByteArray(reinterpret_cast<const char*>(digest.data()), static_cast<qsizetype>(size)).toHex();
    return QString::fromLatin1(hex);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

bool constantTimeEquals(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size()) * sizeof(QChar)) == 0;
}

} // namespace outpost::auth
