#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QString>

namespace outpost {

// How a profile's database key is protected.
enum class KeyProtection {
    Keychain,   // a random key in the OS keychain (service "Outpost", account = profile id)
    Passphrase, // a random key wrapped by a passphrase-derived key, in key.json beside the database
};

// profile.json: what a profile folder is, readable without the key.
struct ProfileInfo
{
    Q_DECLARE_TR_FUNCTIONS(ProfileInfo)
public:
    static constexpr int FormatVersion = 1;

    QString dir;           // absolute folder path (not stored)
    QString id;            // UUIDv7; the keychain account
    QString name;          // shown to the user
    KeyProtection protection = KeyProtection::Keychain;
    qint64 createdAt = 0;

    QString databasePath() const;
    QString wrappedKeyPath() const;
    QString infoPath() const;
    QString settingsPath() const;

    static QString infoPath(const QString& dir);
    static Result<ProfileInfo> read(const QString& dir);
    Status write() const; // atomically
    static bool exists(const QString& dir);
};

} // namespace outpost
