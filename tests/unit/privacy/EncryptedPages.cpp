#include "EncryptedPages.h"

#include <QFile>

#include <openssl/evp.h>

#include <memory>

namespace outpost::test {

namespace {
constexpr int kPageSize = 4096;
constexpr int kReserve = 48;  // IV (16) + HMAC-SHA1 (20), rounded up to the AES block size
constexpr int kSaltSize = 16;
constexpr int kWalHeader = 32;
constexpr int kFrameHeader = 24;

bool decryptPage(const QByteArray& rawKey, const char* page, int pageNo, QByteArray* out)
{
    const int offset = pageNo == 1 ? kSaltSize : 0;
    const int size = kPageSize - kReserve - offset;
    const auto* iv = reinterpret_cast<const unsigned char*>(page + kPageSize - kReserve);
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr,
                                   reinterpret_cast<const unsigned char*>(rawKey.constData()), iv) != 1)
        return false;
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    out->resize(size);
    int n = 0, tail = 0;
    if (EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out->data()), &n,
                          reinterpret_cast<const unsigned char*>(page + offset), size) != 1
        || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out->data()) + n, &tail) != 1)
        return false;
    return n + tail == size;
}
} // namespace

EncryptedPages EncryptedPages::read(const QString& path, const QByteArray& rawKey, QString* error)
{
    EncryptedPages result;
    QFile db(path);
    if (!db.open(QIODevice::ReadOnly)) {
        *error = db.errorString();
        return result;
    }
    const QByteArray bytes = db.readAll();
    if (bytes.size() % kPageSize != 0) {
        *error = QStringLiteral("the file is not a whole number of pages");
        return result;
    }
    for (int p = 0; p < bytes.size() / kPageSize; ++p) {
        QByteArray plain;
        if (!decryptPage(rawKey, bytes.constData() + qsizetype(p) * kPageSize, p + 1, &plain)) {
            *error = QStringLiteral("page %1 does not decrypt").arg(p + 1);
            return EncryptedPages();
        }
        result.m_pages.append(plain);
    }
    QFile wal(path + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly)) {
        const QByteArray w = wal.readAll();
        for (qsizetype at = kWalHeader; at + kFrameHeader + kPageSize <= w.size(); at += kFrameHeader + kPageSize) {
            const auto* h = reinterpret_cast<const unsigned char*>(w.constData() + at);
            const int pageNo = int((quint32(h[0]) << 24) | (quint32(h[1]) << 16) | (quint32(h[2]) << 8) | h[3]);
            QByteArray plain;
            if (!decryptPage(rawKey, w.constData() + at + kFrameHeader, pageNo, &plain)) {
                *error = QStringLiteral("a WAL frame of page %1 does not decrypt").arg(pageNo);
                return EncryptedPages();
            }
            result.m_pages.append(plain);
        }
    }
    return result;
}

QList<int> EncryptedPages::pagesContaining(const QByteArray& needle) const
{
    QList<int> out;
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages[i].contains(needle))
            out.append(i + 1);
    }
    return out;
}

} // namespace outpost::test
