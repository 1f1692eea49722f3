#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <functional>

namespace outpost {

class Database;
class KeyStore;
struct ProfileInfo;

// The team server a profile syncs with. The account (server, team, user, device name, and the pinned
// certificate of a self-signed server) lives in the profile's encrypted meta table. The refresh token
// lives in the OS keychain (account "<profile id>.sync") for keychain profiles, and in the meta table
// for passphrase profiles (the database is encrypted with the passphrase's key, and there is no
// keychain to use).
struct SyncAccount
{
    Q_DECLARE_TR_FUNCTIONS(SyncAccount)
public:
    QUrl serverUrl;
    QString team;
    QString userName;
    QString userId;           // from the last sign-in; the actor of local changes
    QString role;
    QString teamId;
    QString deviceName;
    QByteArray certificatePem; // pinned (trusted on first use); empty when the system trusts the server

    bool isConfigured() const { return serverUrl.isValid() && !team.isEmpty() && !userName.isEmpty(); }
    QList<QSslCertificate> pinnedCertificates() const;

    // An unconfigured account when the profile has none.
    static Result<SyncAccount> load(Database& db);
    Status save(Database& db) const;
    // Forgets the account (not the refresh token: see removeRefreshToken).
    static Status clear(Database& db);

    // The keychain account of a profile's refresh token.
    static QString keychainAccount(const ProfileInfo& profile);

    // Refresh token storage. `done` runs inside the call for passphrase profiles and later, from the
    // event loop, for keychain profiles; `keychain` must outlive the call and may be null only for
    // passphrase profiles. An absent token reads as an empty string, not an error.
    using TokenCallback = std::function<void(Result<QString>)>;
    using StatusCallback = std::function<void(Status)>;
    static void readRefreshToken(const ProfileInfo& profile, Database& db, KeyStore* keychain, TokenCallback done);
    static void writeRefreshToken(const ProfileInfo& profile, Database& db, KeyStore* keychain, const QString& token,
                                  StatusCallback done);
    static void removeRefreshToken(const ProfileInfo& profile, Database& db, KeyStore* keychain, StatusCallback done);
};

} // namespace outpost
