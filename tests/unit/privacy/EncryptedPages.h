#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace outpost::test {

// Reads an encrypted profile database the way an attacker holding its key would: every page of the file (and
// of its write-ahead log), decrypted with the raw key, INCLUDING free pages and the free space inside pages
// that SQL never shows. SQLCipher 3 layout with a raw 256-bit key (no key derivation): 4096-byte pages, the
// last 48 bytes reserved (16-byte IV, then the HMAC), AES-256-CBC over the rest; page 1 starts with the
// 16-byte salt instead of the SQLite header.
class EncryptedPages
{
public:
    // Decrypts every page of `path` and of `path-wal` if present. Fails (empty, with `error`) on a bad file.
    static EncryptedPages read(const QString& path, const QByteArray& rawKey, QString* error);

    qsizetype pageCount() const { return m_pages.size(); }
    // The pages (1-based numbers, WAL frames after the file's pages) that contain `needle`.
    QList<int> pagesContaining(const QByteArray& needle) const;

private:
    QList<QByteArray> m_pages;
};

} // namespace outpost::test
