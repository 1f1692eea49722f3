#include "client/SyncAccount.h"

#include "keys/KeyStore.h"
#include "profile/ProfileInfo.h"
#include "storage/Database.h"
#include "storage/Meta.h"
#include "storage/Transaction.h"

#include <QSqlQuery>

namespace outpost {

namespace {
const QString kUrl = QStringLiteral("sync_server_url");
const QString kTeam = QStringLiteral("sync_team");
const QString kUser = QStringLiteral("sync_user");
const QString kUserId = QStringLiteral("sync_user_id");
const QString kRole = QStringLiteral("sync_role");
const QString kTeamId = QStringLiteral("sync_team_id");
const QString kDevice = QStringLiteral("sync_device_name");
const QString kCertificate = QStringLiteral("sync_certificate");
const QString kRefreshToken = QStringLiteral("sync_refresh_token");

bool usesKeychain(const ProfileInfo& profile)
{
    return profile.protection == KeyProtection::Keychain;
}

Error keychainError(const QString& message)
{
    return Error(ErrorCode::KeychainUnavailable,
                 SyncAccount::tr("The keychain could not keep the sign-in: %1").arg(message));
}
} // namespace

QList<QSslCertificate> SyncAccount::pinnedCertificates() const
{
    return certificatePem.isEmpty() ? QList<QSslCertificate>() : QSslCertificate::fromData(certificatePem, QSsl::Pem);
}

Result<SyncAccount> SyncAccount::load(Database& db)
{
    QSqlDatabase conn = db.connection();
    SyncAccount a;
    QString* targets[] = {&a.team, &a.userName, &a.userId, &a.role, &a.teamId, &a.deviceName};
    const QString keys[] = {kTeam, kUser, kUserId, kRole, kTeamId, kDevice};
    for (int i = 0; i < 6; ++i) {
        auto v = meta::get(conn, keys[i]);
        if (!v)
            return v.error();
        *targets[i] = v.value();
    }
    auto url = meta::get(conn, kUrl);
    if (!url)
        return url.error();
    a.serverUrl = url->isEmpty() ? QUrl() : QUrl(url.value());
    auto pem = meta::get(conn, kCertificate);
    if (!pem)
        return pem.error();
    a.certificatePem = pem->toLatin1();
    return a;
}

Status SyncAccount::save(Database& db) const
{
    QSqlDatabase conn = db.connection();
    return meta::set(conn, {{kUrl, serverUrl.toString()},
                            {kTeam, team},
                            {kUser, userName},
                            {kUserId, userId},
                            {kRole, role},
                            {kTeamId, teamId},
                            {kDevice, deviceName},
                            {kCertificate, QString::fromLatin1(certificatePem)}});
}

Status SyncAccount::clear(Database& db)
{
    QSqlDatabase conn = db.connection();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("DELETE FROM meta WHERE key IN (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QString& k : {kUrl, kTeam, kUser, kUserId, kRole, kTeamId, kDevice, kCertificate})
        q.addBindValue(k);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not forget the sync account."));
    return {};
}

QString SyncAccount::keychainAccount(const ProfileInfo& profile)
{
    return profile.id + QStringLiteral(".sync");
}

void SyncAccount::readRefreshToken(const ProfileInfo& profile, Database& db, KeyStore* keychain, TokenCallback done)
{
    if (!usesKeychain(profile)) {
        QSqlDatabase conn = db.connection();
        auto v = meta::get(conn, kRefreshToken);
        done(v ? Result<QString>(v.value()) : Result<QString>(v.error()));
        return;
    }
    if (!keychain) {
        done(keychainError(tr("no keychain is available.")));
        return;
    }
    keychain->read(keychainAccount(profile), [done = std::move(done)](KeyStore::ReadResult r) {
        if (r.status == KeyStore::Status::NotFound)
            return done(QString());
        if (r.status != KeyStore::Status::Ok)
            return done(keychainError(r.message));
        done(QString::fromUtf8(r.secret.bytes()));
    });
}

void SyncAccount::writeRefreshToken(const ProfileInfo& profile, Database& db, KeyStore* keychain, const QString& token,
                                    StatusCallback done)
{
    if (!usesKeychain(profile)) {
        QSqlDatabase conn = db.connection();
        done(meta::set(conn, kRefreshToken, token));
        return;
    }
    if (!keychain) {
        done(keychainError(tr("no keychain is available.")));
        return;
    }
    keychain->write(keychainAccount(profile), SecretBytes(token.toUtf8()),
                    [done = std::move(done)](KeyStore::WriteResult r) {
                        done(r.status == KeyStore::Status::Ok ? Status() : Status(keychainError(r.message)));
                    });
}

void SyncAccount::removeRefreshToken(const ProfileInfo& profile, Database& db, KeyStore* keychain, StatusCallback done)
{
    if (!usesKeychain(profile)) {
        QSqlDatabase conn = db.connection();
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
        q.addBindValue(kRefreshToken);
        done(q.exec() ? Status() : Status(Error(ErrorCode::Database, tr("Could not forget the sign-in."))));
        return;
    }
    if (!keychain) {
        done(keychainError(tr("no keychain is available.")));
        return;
    }
    keychain->remove(keychainAccount(profile), [done = std::move(done)](KeyStore::WriteResult r) {
        const bool ok = r.status == KeyStore::Status::Ok || r.status == KeyStore::Status::NotFound;
        done(ok ? Status() : Status(keychainError(r.message)));
    });
}

} // namespace outpost
