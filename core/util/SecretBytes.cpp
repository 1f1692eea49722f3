#include "util/SecretBytes.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace outpost {

SecretBytes SecretBytes::random(qsizetype size)
{
    QByteArray buf(size, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), static_cast<int>(size)) != 1)
        qFatal("OpenSSL RAND_bytes failed: no secure randomness available");
    SecretBytes out;
    out.m_bytes = std::move(buf);
    return out;
}

bool SecretBytes::operator==(const SecretBytes& other) const
{
    return m_bytes.size() == other.m_bytes.size()
        && CRYPTO_memcmp(m_bytes.constData(), other.m_bytes.constData(), static_cast<size_t>(m_bytes.size())) == 0;
}

SecretBytes SecretBytes::toSqlCipherRawKey() const
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out(3 + 2 * m_bytes.size(), Qt::Uninitialized);
    char* p = out.data();
    *p++ = 'x';
    *p++ = '\'';
    for (qsizetype i = 0; i < m_bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(m_bytes.at(i));
        *p++ = hex[c >> 4];
        *p++ = hex[c & 0x0f];
    }
    *p = '\'';
    SecretBytes s;
    s.m_bytes = std::move(out);
    return s;
}

void SecretBytes::wipe()
{
    if (!m_bytes.isEmpty() && !m_bytes.isDetached()) {
        // Shared with someone else (should not happen): drop our reference without touching theirs.
        m_bytes = QByteArray();
        return;
    }
    if (!m_bytes.isEmpty())
        OPENSSL_cleanse(m_bytes.data(), static_cast<size_t>(m_bytes.size()));
    m_bytes.clear();
}

} // namespace outpost
