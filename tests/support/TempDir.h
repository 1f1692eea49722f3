#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace outpost::test {

// A throw-away folder for one test.
class TempDir
{
public:
    TempDir();
    QString path() const { return m_dir.path(); }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

QByteArray readFileBytes(const QString& path);
QByteArray sha256OfFile(const QString& path);

} // namespace outpost::test
