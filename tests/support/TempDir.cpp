#include "TempDir.h"

#include <QCryptographicHash>
#include <QFile>

namespace outpost::test {

TempDir::TempDir()
    : m_dir(QDir::tempPath() + QStringLiteral("/outpost-test-XXXXXX"))
{
}

QByteArray readFileBytes(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray sha256OfFile(const QString& path)
{
    return QCryptographicHash::hash(readFileBytes(path), QCryptographicHash::Sha256).toHex();
}

} // namespace outpost::test
