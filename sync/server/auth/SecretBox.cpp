#include "auth/SecretBox.h"

#include "auth/OpenSslSupport.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace outpost::auth {

namespace {

using CipherCtxPtr = detail::OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;

constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;
const QLatin1String kPrefix("gcm1:");

} // namespace

SecretBox::SecretBox(SecretBytes key) : m_key(std::move(key))
{
    Q_ASSERT(m_key.size() == KeyBytes);
}

bool SecretBox::isSealed(const QString& value)
{
    return value.startsWith(kPrefix);
}

QString SecretBox::seal(const QByteArray& plain, const QByteArray& context) const
{
    QByteArray out(kNonceBytes + plain.size() + kTagBytes, Qt::Uninitialized);
    unsigned char* nonce = detail::ucharData(out);
    if (RAND_bytes(nonce, kNonceBytes) != 1)
        qFatal("outpost-server: the system has no secure randomness");
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    const auto* key = reinterpret_cast<const unsigned char*>(m_key.constData());
    const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key, nonce) == 1
                    && EVP_EncryptUpdate(ctx.get(), nullptr, &len, detail::ucharData(context), int(context.size())) == 1
                    && EVP_EncryptUpdate(ctx.get(), nonce + kNonceBytes, &len, detail::ucharData(plain), int(plain.size())) == 1
                    && EVP_EncryptFinal_ex(ctx.get(), nonce + kNonceBytes + len, &len) == 1
                    && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, nonce + kNonceBytes + plain.size()) == 1;
    if (!ok)
        qFatal("outpost-server: AES-256-GCM failed: %s", qPrintable(detail::takeOpenSslErrors()));
    return kPrefix + QString::fromLatin1(out.toBase64());
}

Result<SecretBytes> SecretBox::open(const QString& sealed, const QByteArray& context) const
{
    const Error refused(ErrorCode::Crypto, tr("A stored secret does not open with the server's secret key (another key, or "
                                              "the value was altered)."));
    if (!isSealed(sealed))
        return refused;
    const QByteArray raw = QByteArray::fromBase64(sealed.mid(kPrefix.size()).toLatin1());
    if (raw.size() < kNonceBytes + kTagBytes)
        return refused;
    const qsizetype cipherSize = raw.size() - kNonceBytes - kTagBytes;
    const auto* nonce = detail::ucharData(raw);
    QByteArray plain(cipherSize, Qt::Uninitialized);
    QByteArray tag = raw.right(kTagBytes);
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    const auto* key = reinterpret_cast<const unsigned char*>(m_key.constData());
    const bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key, nonce) == 1
                    && EVP_DecryptUpdate(ctx.get(), nullptr, &len, detail::ucharData(context), int(context.size())) == 1
                    && EVP_DecryptUpdate(ctx.get(), detail::ucharData(plain), &len, nonce + kNonceBytes, int(cipherSize)) == 1
                    && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1
                    && EVP_DecryptFinal_ex(ctx.get(), detail::ucharData(plain) + len, &len) == 1;
    if (!ok) {
        (void)detail::takeOpenSslErrors();
        detail::cleanse(plain);
        return refused;
    }
    SecretBytes out(plain);
    detail::cleanse(plain);
    return out;
}

Result<SecretBytes> SecretBox::loadKeyFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("Cannot read the server's secret key file %1: %2").arg(path, f.errorString()));
    QByteArray hex = f.read(4 * KeyBytes).trimmed();
    QByteArray key = QByteArray::fromHex(hex);
    const bool valid = hex.size() == 2 * KeyBytes && key.size() == KeyBytes && key.toHex() == hex.toLower();
    detail::cleanse(hex);
    if (!valid) {
        detail::cleanse(key);
        return Error(ErrorCode::WrongKey, tr("The server's secret key file %1 is not a key (64 hex digits expected).").arg(path));
    }
    SecretBytes out(key);
    detail::cleanse(key);
    return out;
}

Result<SecretBytes> SecretBox::createKeyFile(const QString& path)
{
    // O_EXCL: never overwrites a key (the secrets sealed under it would be lost); 0600 from the start, so
    // there is no moment at which others may read it.
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int openErrno = errno;
        return Error(openErrno == EEXIST ? ErrorCode::AlreadyExists : ErrorCode::Io,
                     tr("Cannot create the server's secret key file %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(openErrno))));
    }
    SecretBytes key = SecretBytes::random(KeyBytes);
    QByteArray hex = key.bytes().toHex();
    hex.append('\n');
    errno = 0;
    bool written = ::write(fd, hex.constData(), size_t(hex.size())) == hex.size() && ::fsync(fd) == 0;
    int writeErrno = errno ? errno : EIO; // a short write sets no errno
    ::close(fd);
    detail::cleanse(hex);
    if (written) {
        // The file's name must be as durable as its bytes before anything is sealed under it: after a power cut
        // the store's check value would otherwise outlive the key it checks.
        const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
        const int dirFd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        written = dirFd >= 0 && ::fsync(dirFd) == 0;
        writeErrno = errno ? errno : EIO;
        if (dirFd >= 0)
            ::close(dirFd);
    }
    if (!written) {
        QFile::remove(path);
        return Error(ErrorCode::Io, tr("Cannot write the server's secret key file %1: %2")
                                        .arg(path, QString::fromLocal8Bit(std::strerror(writeErrno))));
    }
    return key;
}

} // namespace outpost::auth
