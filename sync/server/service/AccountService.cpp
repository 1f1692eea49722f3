#include "service/AccountService.h"

#include "auth/Base32.h"
#include "auth/Tokens.h"
#include "service/Permissions.h"
#include "storage/Database.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <mutex>

namespace outpost::server {

Q_LOGGING_CATEGORY(lcAccounts, "outpost.server.accounts", QtInfoMsg)

namespace {

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, AccountService::tr("The accounts database failed: %1").arg(q.lastError().text()));
}

Error badLogin()
{
    // One message for an unknown team, an unknown user and a wrong password: a login must not reveal
    // which accounts exist.
    return Error(ErrorCode::Unauthorized, AccountService::tr("The team, user name or password is wrong."));
}

AccountService::User userFrom(const QSqlQuery& q)
{
    AccountService::User u;
    u.id = q.value(0).toString();
    u.teamId = q.value(1).toString();
    u.login = q.value(2).toString();
    u.displayName = q.value(3).toString();
    u.role = q.value(4).toString();
    u.twoFactor = !q.value(5).isNull();
    u.disabled = q.value(6).toInt() != 0;
    return u;
}

Error secretsLocked()
{
    return Error(ErrorCode::Crypto, AccountService::tr("The server's secret key is not loaded; two-factor sign-in is unavailable."));
}

// The key check: a known value sealed under the key, so a wrong key file is refused at start, before any
// secret is read or written with it.
const QByteArray kKeyCheckPlain = QByteArrayLiteral("outpost-server secret key check");
const QByteArray kKeyCheckContext = QByteArrayLiteral("key-check");

const QString kUserColumns = QStringLiteral("id, team_id, login, display_name, role, totp_secret, disabled");

} // namespace

AccountService::AccountService(Database& db, const Clock& clock, Options options, auth::ScryptParameters hashing)
    : m_db(db), m_clock(clock), m_options(std::move(options)), m_hasher(hashing), m_throttle(clock)
{
}

Status AccountService::unlockSecrets(const QString& keyPath)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT value FROM server_secrets WHERE name = ?"));
    q.addBindValue(QStringLiteral("key_check"));
    if (!q.exec())
        return dbError(q);
    const QString check = q.next() ? q.value(0).toString() : QString();
    q.finish();

    Result<SecretBytes> key = Error();
    if (QFile::exists(keyPath))
        key = auth::SecretBox::loadKeyFile(keyPath);
    else if (check.isEmpty())
        key = auth::SecretBox::createKeyFile(keyPath);
    else
        return Error(ErrorCode::WrongKey, tr("The server's secret key file %1 is missing, and this server's two-factor "
                                             "secrets are sealed with it. Restore the file from your backup (or give its "
                                             "path with --secret-key); a new key cannot open them.").arg(keyPath));
    if (!key)
        return key.error();
    auth::SecretBox box(std::move(key.value()));
    if (check.isEmpty()) {
        QSqlQuery w(conn);
        w.prepare(QStringLiteral("INSERT INTO server_secrets(name, value) VALUES(?, ?)"));
        w.addBindValue(QStringLiteral("key_check"));
        w.addBindValue(box.seal(kKeyCheckPlain, kKeyCheckContext));
        if (!w.exec())
            return dbError(w);
    } else {
        auto opened = box.open(check, kKeyCheckContext);
        if (!opened || opened->bytes() != kKeyCheckPlain)
            return Error(ErrorCode::WrongKey, tr("The server's secret key file %1 is not the key this server's two-factor "
                                                 "secrets are sealed with. Use the original key file (restore it from your "
                                                 "backup); this one cannot open them.").arg(keyPath));
    }
    m_box.emplace(std::move(box));
    if (Status s = sealClearSecrets(conn); !s)
        return s;
    return tx.commit();
}

Status AccountService::sealClearSecrets(QSqlDatabase& conn)
{
    // Accounts from before the key kept base32 secrets in clear; seal them in place.
    auto isClear = [](const QVariant& value) { return !value.isNull() && !auth::SecretBox::isSealed(value.toString()); };
    auto sealed = [&](const QVariant& value, const QString& userId) -> QVariant {
        return isClear(value) ? QVariant(m_box->seal(value.toString().toLatin1(), userId.toUtf8())) : value;
    };
    struct Row
    {
        QString id;
        QVariant secret, pending;
    };
    QList<Row> clear;
    QSqlQuery q(conn);
    if (!q.exec(QStringLiteral("SELECT id, totp_secret, totp_pending FROM users "
                               "WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL")))
        return dbError(q);
    while (q.next()) {
        const Row row{q.value(0).toString(), q.value(1), q.value(2)};
        if (isClear(row.secret) || isClear(row.pending))
            clear.append(row);
    }
    q.finish();
    for (const Row& row : std::as_const(clear)) {
        QSqlQuery u(conn);
        u.prepare(QStringLiteral("UPDATE users SET totp_secret = ?, totp_pending = ? WHERE id = ?"));
        u.addBindValue(sealed(row.secret, row.id));
        u.addBindValue(sealed(row.pending, row.id));
        u.addBindValue(row.id);
        if (!u.exec())
            return dbError(u);
    }
    if (!clear.isEmpty())
        qCInfo(lcAccounts) << "sealed the two-factor secrets of" << clear.size() << "user(s) under the server key";
    return {};
}

Result<SecretBytes> AccountService::openTotpSecret(const QString& stored, const QString& userId) const
{
    if (!m_box)
        return secretsLocked();
    auto base32 = m_box->open(stored, userId.toUtf8());
    if (!base32)
        return base32.error();
    auto secret = auth::Base32::decode(QString::fromLatin1(base32->bytes()));
    if (!secret)
        return Error(ErrorCode::Corrupt, tr("A stored two-factor secret is damaged; reset it with `outpost-server user reset-2fa`."));
    return SecretBytes(*secret);
}

Result<QString> AccountService::teamIdOf(QSqlDatabase& conn, const QString& teamName)
{
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT id FROM teams WHERE name = ?"));
    q.addBindValue(teamName);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("There is no team \"%1\".").arg(teamName));
    return q.value(0).toString();
}

Result<QStringList> AccountService::teamIds()
{
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    if (!q.exec(QStringLiteral("SELECT id FROM teams ORDER BY name")))
        return dbError(q);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<AccountService::User> AccountService::initTeam(const QString& teamName, const QString& ownerLogin,
                                                      const QString& ownerName, const QString& password)
{
    if (teamName.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, tr("The team needs a name."));
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("INSERT INTO teams(id, name, created_at) VALUES(?, ?, ?)"));
    q.addBindValue(newUuidV7());
    q.addBindValue(teamName.trimmed());
    q.addBindValue(m_clock.nowMs());
    if (!q.exec())
        return Error(ErrorCode::AlreadyExists, tr("A team named \"%1\" already exists.").arg(teamName));
    if (Status s = tx.commit(); !s)
        return s.error();
    return addUser(teamName.trimmed(), ownerLogin, ownerName, QStringLiteral("owner"), password);
}

Result<AccountService::User> AccountService::addUser(const QString& teamName, const QString& login,
                                                     const QString& displayName, const QString& role,
                                                     const QString& password)
{
    if (!Permissions::isRole(role))
        return Error(ErrorCode::InvalidArgument,
                     tr("\"%1\" is not a role; use one of: %2.").arg(role, Permissions::roles().join(QStringLiteral(", "))));
    if (login.trimmed().isEmpty() || login.contains(QLatin1Char(':')))
        return Error(ErrorCode::InvalidArgument, tr("The user name must not be empty or contain ':'."));
    auto hash = m_hasher.hash(password);
    if (!hash)
        return hash.error();
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    auto team = teamIdOf(conn, teamName);
    if (!team)
        return team.error();
    User u;
    u.id = newUuidV7();
    u.teamId = team.value();
    u.login = login.trimmed();
    u.displayName = displayName.trimmed().isEmpty() ? u.login : displayName.trimmed();
    u.role = role;
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("INSERT INTO users(id, team_id, login, display_name, role, password_hash, created_at) "
                             "VALUES(?,?,?,?,?,?,?)"));
    q.addBindValue(u.id);
    q.addBindValue(u.teamId);
    q.addBindValue(u.login);
    q.addBindValue(u.displayName);
    q.addBindValue(u.role);
    q.addBindValue(hash.value());
    q.addBindValue(m_clock.nowMs());
    if (!q.exec())
        return Error(ErrorCode::AlreadyExists, tr("The team already has a user \"%1\".").arg(u.login));
    if (Status s = tx.commit(); !s)
        return s.error();
    qCInfo(lcAccounts) << "user added" << u.login << "role" << u.role;
    return u;
}

Status AccountService::setDisabled(const QString& teamName, const QString& login, bool disabled)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    auto team = teamIdOf(conn, teamName);
    if (!team)
        return team.error();
    QSqlQuery find(conn);
    find.prepare(QStringLiteral("SELECT id FROM users WHERE team_id = ? AND login = ?"));
    find.addBindValue(team.value());
    find.addBindValue(login);
    if (!find.exec())
        return dbError(find);
    if (!find.next())
        return Error(ErrorCode::NotFound, tr("The team has no user \"%1\".").arg(login));
    const QString userId = find.value(0).toString();
    find.finish();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("UPDATE users SET disabled = ? WHERE id = ?"));
    q.addBindValue(disabled ? 1 : 0);
    q.addBindValue(userId);
    if (!q.exec())
        return dbError(q);
    if (disabled) {
        if (Status s = revokeTokens(conn, "user_id", userId); !s)
            return s;
    }
    return tx.commit();
}

Status AccountService::resetTwoFactor(const QString& teamName, const QString& login)
{
    QSqlDatabase conn = m_db.connection();
    auto team = teamIdOf(conn, teamName);
    if (!team)
        return team.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = 0 "
                             "WHERE team_id = ? AND login = ?"));
    q.addBindValue(team.value());
    q.addBindValue(login);
    if (!q.exec())
        return dbError(q);
    if (q.numRowsAffected() == 0)
        return Error(ErrorCode::NotFound, tr("The team has no user \"%1\".").arg(login));
    return {};
}

Result<QList<AccountService::User>> AccountService::users(const QString& teamName)
{
    QSqlDatabase conn = m_db.connection();
    auto team = teamIdOf(conn, teamName);
    if (!team)
        return team.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT ") + kUserColumns + QStringLiteral(" FROM users WHERE team_id = ? ORDER BY login"));
    q.addBindValue(team.value());
    if (!q.exec())
        return dbError(q);
    QList<User> out;
    while (q.next())
        out.append(userFrom(q));
    return out;
}

Result<QList<AccountService::Device>> AccountService::devices(const QString& teamName)
{
    QSqlDatabase conn = m_db.connection();
    auto team = teamIdOf(conn, teamName);
    if (!team)
        return team.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT d.id, d.user_id, u.login, d.name, d.last_seen, d.revoked FROM devices d "
                             "JOIN users u ON u.id = d.user_id WHERE d.team_id = ? ORDER BY u.login, d.name"));
    q.addBindValue(team.value());
    if (!q.exec())
        return dbError(q);
    QList<Device> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toLongLong(), q.value(5).toInt() != 0});
    return out;
}

Status AccountService::revokeTokens(QSqlDatabase& conn, const char* column, const QString& id)
{
    for (const char* table : {"access_tokens", "refresh_tokens"}) {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(QLatin1String(table), QLatin1String(column)));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
    }
    return {};
}

Status AccountService::revokeDevice(const QString& teamName, const QString& deviceId)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    auto team = teamIdOf(conn, teamName);
    if (!team)
        return team.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("UPDATE devices SET revoked = 1 WHERE id = ? AND team_id = ?"));
    q.addBindValue(deviceId);
    q.addBindValue(team.value());
    if (!q.exec())
        return dbError(q);
    if (q.numRowsAffected() == 0)
        return Error(ErrorCode::NotFound, tr("The team has no device %1.").arg(deviceId));
    if (Status s = revokeTokens(conn, "device_id", deviceId); !s)
        return s;
    return tx.commit();
}

Result<wire::Session> AccountService::issue(QSqlDatabase& conn, const User& user, const QString& deviceId)
{
    const qint64 now = m_clock.nowMs();
    wire::Session s;
    s.accessToken = auth::randomToken();
    s.refreshToken = auth::randomToken();
    s.accessExpiresInSec = m_options.accessTokenLifetimeMs / 1000;
    s.userId = user.id;
    s.userName = user.displayName;
    s.role = user.role;
    s.teamId = user.teamId;
    QSqlQuery a(conn);
    a.prepare(QStringLiteral("INSERT INTO access_tokens(digest, user_id, team_id, device_id, expires_at) VALUES(?,?,?,?,?)"));
    a.addBindValue(auth::tokenDigest(s.accessToken));
    a.addBindValue(user.id);
    a.addBindValue(user.teamId);
    a.addBindValue(deviceId);
    a.addBindValue(now + m_options.accessTokenLifetimeMs);
    QSqlQuery r(conn);
    r.prepare(QStringLiteral("INSERT INTO refresh_tokens(digest, user_id, team_id, device_id, expires_at) VALUES(?,?,?,?,?)"));
    r.addBindValue(auth::tokenDigest(s.refreshToken));
    r.addBindValue(user.id);
    r.addBindValue(user.teamId);
    r.addBindValue(deviceId);
    r.addBindValue(now + m_options.refreshTokenLifetimeMs);
    QSqlQuery expired(conn);
    expired.prepare(QStringLiteral("DELETE FROM access_tokens WHERE expires_at < ?"));
    expired.addBindValue(now);
    if (!a.exec())
        return dbError(a);
    if (!r.exec())
        return dbError(r);
    if (!expired.exec())
        return dbError(expired);
    return s;
}

Result<wire::Session> AccountService::login(const wire::LoginRequest& request, const QString& peer, bool* codeRequired)
{
    const QString account = request.team + QLatin1Char(':') + request.user;
    const auth::LoginThrottle::Decision decision = m_throttle.check(account, peer);
    if (!decision.allowed())
        return Error(ErrorCode::RateLimited, decision.message());
    if (!isUuid(request.deviceId))
        return Error(ErrorCode::InvalidArgument, tr("The device id is malformed."));

    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT u.id, u.team_id, u.login, u.display_name, u.role, u.totp_secret, u.disabled, "
                             "u.password_hash, u.totp_last_step FROM users u JOIN teams t ON t.id = u.team_id "
                             "WHERE t.name = ? AND u.login = ?"));
    q.addBindValue(request.team);
    q.addBindValue(request.user);
    if (!q.exec())
        return dbError(q);
    if (!q.next()) {
        // Spend the same effort as for a real account, so timing does not reveal which names exist.
        std::call_once(m_decoyOnce, [this] {
            auto h = m_hasher.hash(auth::randomToken());
            m_decoyHash = h ? h.value() : QString();
        });
        (void)m_hasher.verify(request.password, m_decoyHash);
        m_throttle.recordFailure(account, peer);
        return badLogin();
    }
    const User user = userFrom(q);
    const QString hash = q.value(7).toString();
    const QString totpSecret = q.value(5).toString();
    const qint64 lastStep = q.value(8).toLongLong();
    q.finish();
    if (!m_hasher.verify(request.password, hash)) {
        m_throttle.recordFailure(account, peer);
        return badLogin();
    }
    if (user.disabled)
        return Error(ErrorCode::Forbidden, tr("This account is disabled; ask an administrator of your team."));
    if (user.twoFactor) {
        if (request.totp.isEmpty()) {
            if (codeRequired)
                *codeRequired = true;
            return Error(ErrorCode::Unauthorized, tr("Enter the 6-digit code from your authenticator app."));
        }
        auto secret = openTotpSecret(totpSecret, user.id);
        if (!secret)
            return secret.error();
        const auto step = m_totp.verify(secret.value(), request.totp, m_clock.nowMs() / 1000, 1,
                                        lastStep > 0 ? std::optional<qint64>(lastStep) : std::nullopt);
        if (!step) {
            m_throttle.recordFailure(account, peer);
            return Error(ErrorCode::Unauthorized, tr("The authenticator code is wrong or was already used."));
        }
        QSqlQuery s(conn);
        s.prepare(QStringLiteral("UPDATE users SET totp_last_step = ? WHERE id = ?"));
        s.addBindValue(*step);
        s.addBindValue(user.id);
        if (!s.exec())
            return dbError(s);
    }

    // The device: registered on first login, bound to this user, refused once revoked.
    QSqlQuery d(conn);
    d.prepare(QStringLiteral("SELECT user_id, revoked FROM devices WHERE id = ?"));
    d.addBindValue(request.deviceId);
    if (!d.exec())
        return dbError(d);
    const qint64 now = m_clock.nowMs();
    if (d.next()) {
        if (d.value(1).toInt() != 0)
            return Error(ErrorCode::Forbidden, tr("This device was revoked by an administrator. Sign in from a new profile."));
        if (d.value(0).toString() != user.id)
            return Error(ErrorCode::Forbidden, tr("This device belongs to another user; sign in from your own profile."));
        d.finish();
        QSqlQuery u(conn);
        u.prepare(QStringLiteral("UPDATE devices SET last_seen = ? WHERE id = ?"));
        u.addBindValue(now);
        u.addBindValue(request.deviceId);
        if (!u.exec())
            return dbError(u);
    } else {
        d.finish();
        QSqlQuery i(conn);
        i.prepare(QStringLiteral("INSERT INTO devices(id, team_id, user_id, name, created_at, last_seen) VALUES(?,?,?,?,?,?)"));
        i.addBindValue(request.deviceId);
        i.addBindValue(user.teamId);
        i.addBindValue(user.id);
        i.addBindValue(request.deviceName.isEmpty() ? tr("Unnamed device") : request.deviceName.left(100));
        i.addBindValue(now);
        i.addBindValue(now);
        if (!i.exec())
            return dbError(i);
    }
    auto session = issue(conn, user, request.deviceId);
    if (!session)
        return session;
    if (Status s = tx.commit(); !s)
        return s.error();
    m_throttle.recordSuccess(account, peer);
    qCInfo(lcAccounts) << "login" << user.login << "device" << request.deviceId;
    return session;
}

Result<wire::Session> AccountService::refresh(const QString& refreshToken, const QString& deviceId)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT r.user_id, r.device_id, r.expires_at, r.used, u.id, u.team_id, u.login, "
                             "u.display_name, u.role, u.totp_secret, u.disabled, dv.revoked FROM refresh_tokens r "
                             "JOIN users u ON u.id = r.user_id JOIN devices dv ON dv.id = r.device_id WHERE r.digest = ?"));
    q.addBindValue(auth::tokenDigest(refreshToken));
    if (!q.exec())
        return dbError(q);
    const Error expired(ErrorCode::Unauthorized, tr("Your session has expired; sign in again."));
    if (!q.next())
        return expired;
    if (q.value(1).toString() != deviceId)
        return expired;
    if (q.value(3).toInt() != 0) {
        // A rotated token presented again: someone holds a copy. End every session of the device.
        q.finish();
        if (Status s = revokeTokens(conn, "device_id", deviceId); !s)
            return s.error();
        if (Status s = tx.commit(); !s)
            return s.error();
        qCWarning(lcAccounts) << "reused refresh token; sessions of device" << deviceId << "ended";
        return expired;
    }
    if (q.value(2).toLongLong() < m_clock.nowMs() || q.value(11).toInt() != 0)
        return expired;
    User user;
    user.id = q.value(4).toString();
    user.teamId = q.value(5).toString();
    user.login = q.value(6).toString();
    user.displayName = q.value(7).toString();
    user.role = q.value(8).toString();
    user.disabled = q.value(10).toInt() != 0;
    q.finish();
    if (user.disabled)
        return Error(ErrorCode::Forbidden, tr("This account is disabled; ask an administrator of your team."));
    QSqlQuery used(conn);
    used.prepare(QStringLiteral("UPDATE refresh_tokens SET used = 1 WHERE digest = ?"));
    used.addBindValue(auth::tokenDigest(refreshToken));
    if (!used.exec())
        return dbError(used);
    auto session = issue(conn, user, deviceId);
    if (!session)
        return session;
    if (Status s = tx.commit(); !s)
        return s.error();
    return session;
}

Status AccountService::logout(const Principal& who)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    if (Status s = revokeTokens(conn, "device_id", who.deviceId); !s)
        return s;
    return tx.commit();
}

Result<Principal> AccountService::authenticate(const QString& accessToken)
{
    const Error refused(ErrorCode::Unauthorized, tr("Sign in again: the access token is missing, wrong or expired."));
    if (accessToken.isEmpty())
        return refused;
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT a.user_id, a.team_id, a.device_id, a.expires_at, u.display_name, u.role, u.disabled, "
                             "d.revoked FROM access_tokens a JOIN users u ON u.id = a.user_id "
                             "JOIN devices d ON d.id = a.device_id WHERE a.digest = ?"));
    q.addBindValue(auth::tokenDigest(accessToken));
    if (!q.exec())
        return dbError(q);
    if (!q.next() || q.value(3).toLongLong() < m_clock.nowMs() || q.value(6).toInt() != 0 || q.value(7).toInt() != 0)
        return refused;
    Principal p;
    p.userId = q.value(0).toString();
    p.teamId = q.value(1).toString();
    p.deviceId = q.value(2).toString();
    p.userName = q.value(4).toString();
    p.role = q.value(5).toString();
    return p;
}

Result<AccountService::Enrolment> AccountService::beginTotpEnrolment(const Principal& who)
{
    if (!m_box)
        return secretsLocked();
    const SecretBytes secret = auth::Totp::generateSecret();
    const QString encoded = auth::Base32::encode(secret.bytes());
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("UPDATE users SET totp_pending = ? WHERE id = ?"));
    q.addBindValue(m_box->seal(encoded.toLatin1(), who.userId.toUtf8()));
    q.addBindValue(who.userId);
    if (!q.exec())
        return dbError(q);
    auto uri = m_totp.provisioningUri(m_options.issuer, who.userName.isEmpty() ? who.userId : who.userName, secret);
    if (!uri)
        return uri.error();
    return Enrolment{encoded, uri.value()};
}

Status AccountService::confirmTotp(const Principal& who, const QString& code)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT totp_pending FROM users WHERE id = ?"));
    q.addBindValue(who.userId);
    if (!q.exec())
        return dbError(q);
    if (!q.next() || q.value(0).isNull())
        return Error(ErrorCode::InvalidArgument, tr("Start the authenticator set-up first."));
    const QString pending = q.value(0).toString();
    q.finish();
    auto secret = openTotpSecret(pending, who.userId);
    if (!secret)
        return secret.error();
    const auto step = m_totp.verify(secret.value(), code, m_clock.nowMs() / 1000);
    if (!step)
        return Error(ErrorCode::Unauthorized, tr("The code does not match; check the time on your phone and try again."));
    QSqlQuery u(conn);
    u.prepare(QStringLiteral("UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ? WHERE id = ?"));
    u.addBindValue(*step);
    u.addBindValue(who.userId);
    if (!u.exec())
        return dbError(u);
    return tx.commit();
}

} // namespace outpost::server
