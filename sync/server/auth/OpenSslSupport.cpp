#include "auth/OpenSslSupport.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <QStringList>

namespace outpost::auth::detail {

QString takeOpenSslErrors()
{
    QStringList parts;
    while (const unsigned long code = ERR_get_error()) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        parts << QString::fromLatin1(text);
    }
    return parts.isEmpty() ? QStringLiteral("no detail from OpenSSL") : parts.join(QStringLiteral("; "));
}

QByteArray bioContents(BIO* bio)
{
    BUF_MEM* mem = nullptr;
    BIO_get_mem_ptr(bio, &mem);
    if (mem == nullptr || mem->data == nullptr)
        return {};
    return QByteArray(mem->data, static_cast<qsizetype>(mem->length));
}

void cleanse(QByteArray& bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes = QByteArray();
}

void cleanse(QString& text)
{
    if (!text.isEmpty() && text.isDetached())
        OPENSSL_cleanse(text.data(), static_cast<size_t>(text.size()) * sizeof(QChar));
    text = QString();
}

} // namespace outpost::auth::detail
