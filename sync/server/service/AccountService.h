#pragma once

#include "auth/LoginThrottle.h"
#include "auth/PasswordHasher.h"
#include "auth/SecretBox.h"
#include "auth/Totp.h"
#include "protocol/Wire.h"
#include "service/SyncService.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QCoreApplication>

#include <mutex>
#include <optional>

namespace outpost {
class Database;
}

namespace outpost::server {

// Teams, users, devices and tokens (the server's accounts database). Tokens are random and stored only
// as SHA-256 digests; access tokens are short-lived, refresh tokens are bound to a device, rotate on
// every use, and a reused one revokes the device's sessions (it was copied).
class AccountService
{
    Q_DECLARE_TR_FUNCTIONS(outpost::server::AccountService)
public:
    struct Options
    {
        qint64 accessTokenLifetimeMs = 15 * 60'000;
        qint64 refreshTokenLifetimeMs = 30LL * 24 * 60 * 60'000;
        QString issuer = QStringLiteral("Outpost");
    };

    AccountService(Database& db, const Clock& clock, Options options, auth::ScryptParameters hashing = auth::PasswordHasher::DefaultParameters);

    struct User
    {
        QString id;
        QString teamId;
        QString login;
        QString displayName;
        QString role;
        bool twoFactor = false;
        bool disabled = false;
    };
    struct Device
    {
        QString id;
        QString userId;
        QString userLogin;
        QString name;
        qint64 lastSeen = 0;
        bool revoked = false;
    };

    // TOTP secrets are kept sealed under the server's secret key (AES-256-GCM, see SecretBox). Loads the
    // key file at `keyPath`, creating it (0600) when this accounts database has never had one; refuses a
    // key other than the one the database was sealed with, and a missing file once one was used. Then
    // seals any secret still stored in clear (databases from before the key). Login and enrolment need it.
    Status unlockSecrets(const QString& keyPath);

    // Administration (outpost-server init / user / device commands).
    Result<User> initTeam(const QString& teamName, const QString& ownerLogin, const QString& ownerName, const QString& password);
    Result<User> addUser(const QString& teamName, const QString& login, const QString& displayName, const QString& role,
                         const QString& password);
    Status setDisabled(const QString& teamName, const QString& login, bool disabled);
    Status resetTwoFactor(const QString& teamName, const QString& login);
    Result<QList<User>> users(const QString& teamName);
    Result<QList<Device>> devices(const QString& teamName);
    Status revokeDevice(const QString& teamName, const QString& deviceId);
    Result<QStringList> teamIds();

    // Sessions.
    // `codeRequired` is set when the password was right and only the second factor's code is missing.
    Result<wire::Session> login(const wire::LoginRequest& request, const QString& peer, bool* codeRequired = nullptr);
    Result<wire::Session> refresh(const QString& refreshToken, const QString& deviceId);
    Status logout(const Principal& who);
    Result<Principal> authenticate(const QString& accessToken);

    // Second factor: enrolment returns the secret and its otpauth:// URI (shown as a QR code); it becomes
    // active once a code from the app confirms it.
    struct Enrolment
    {
        QString secret;
        QString uri;
    };
    Result<Enrolment> beginTotpEnrolment(const Principal& who);
    Status confirmTotp(const Principal& who, const QString& code);

private:
    Result<QString> teamIdOf(QSqlDatabase& conn, const QString& teamName);
    Result<SecretBytes> openTotpSecret(const QString& stored, const QString& userId) const;
    Status sealClearSecrets(QSqlDatabase& conn);
    Result<wire::Session> issue(QSqlDatabase& conn, const User& user, const QString& deviceId);
    // Ends every session (access and refresh tokens) whose `column` (user_id or device_id) is `id`.
    Status revokeTokens(QSqlDatabase& conn, const char* column, const QString& id);

    Database& m_db;
    const Clock& m_clock;
    Options m_options;
    auth::PasswordHasher m_hasher;
    auth::Totp m_totp;
    auth::LoginThrottle m_throttle;
    std::optional<auth::SecretBox> m_box;
    // A real hash, made on the first login of an unknown user and verified against for every such login,
    // so those take as long as real ones.
    std::once_flag m_decoyOnce;
    QString m_decoyHash;
};

} // namespace outpost::server
