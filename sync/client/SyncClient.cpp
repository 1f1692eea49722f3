#include "client/SyncClient.h"

#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "replication/Replica.h"
#include "storage/Database.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QUrlQuery>

namespace outpost {

Q_LOGGING_CATEGORY(lcSyncClient, "outpost.sync.client", QtInfoMsg)

SyncClient::SyncClient(Database& db, MutationEngine& engine, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_engine(engine)
    , m_replica(std::make_unique<Replica>(db, MutationRegistry::standard(), RowCodecRegistry::standard()))
    , m_net(new QNetworkAccessManager(this))
{
}

SyncClient::~SyncClient() = default;

void SyncClient::setServer(const QUrl& baseUrl, const QList<QSslCertificate>& extraTrusted)
{
    m_base = baseUrl;
    m_trusted = extraTrusted;
}

void SyncClient::setState(State s, const QString& message)
{
    m_state = s;
    m_message = message;
    emit stateChanged(s, message);
}

void SyncClient::request(const QByteArray& verb, const QString& path, const QJsonObject* body, JsonHandler handler)
{
    QUrl url = m_base;
    const int q = int(path.indexOf(QLatin1Char('?')));
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    req.setTransferTimeout(30000);
    if (!m_session.accessToken.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_session.accessToken.toUtf8());
    if (!m_trusted.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        QList<QSslCertificate> cas = ssl.caCertificates();
        cas += m_trusted;
        ssl.setCaCertificates(cas);
        req.setSslConfiguration(ssl);
    }
    const QByteArray payload = body ? QJsonDocument(*body).toJson(QJsonDocument::Compact) : QByteArray();
    QNetworkReply* reply = m_net->sendCustomRequest(req, verb, payload);
    connect(reply, &QNetworkReply::finished, this, [reply, handler = std::move(handler)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        const QJsonObject json = QJsonDocument::fromJson(bytes).object();
        QString error;
        if (status == 0) {
            error = reply->errorString();
        } else if (status >= 400) {
            error = json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
            if (error.isEmpty())
                error = tr("The server answered %1.").arg(status);
        }
        handler(status, json, error);
    });
}

void SyncClient::signIn(const QString& team, const QString& user, const QString& password, const QString& totp,
                        const QString& deviceName)
{
    wire::LoginRequest r;
    r.team = team;
    r.user = user;
    r.password = password;
    r.totp = totp;
    r.deviceId = m_engine.deviceId();
    r.deviceName = deviceName;
    const QJsonObject body = wire::Codec::toJson(r);
    m_session = {};
    request("POST", QStringLiteral("/v1/auth/login"), &body, [this](int status, const QJsonObject& json, const QString& error) {
        if (!error.isEmpty()) {
            emit signInFailed(status == 0 ? tr("Cannot reach the server: %1").arg(error) : error);
            return;
        }
        auto session = wire::Codec::sessionFromJson(json);
        if (!session) {
            emit signInFailed(tr("The server sent an unexpected answer: %1").arg(session.message()));
            return;
        }
        m_session = session.value();
        m_engine.setActor(m_session.userId);
        setState(State::Idle);
        emit signedIn(m_session);
    });
}

void SyncClient::syncNow()
{
    if (m_session.accessToken.isEmpty()) {
        finish(false, tr("Sign in to sync."));
        return;
    }
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    m_again = false;
    m_stats = {};
    auto pending = m_replica->pendingCount();
    setState(State::Syncing, tr("Syncing %n change(s)", nullptr, int(pending ? pending.value() : 0)));
    pushNext();
}

void SyncClient::start()
{
    m_started = true;
}

void SyncClient::stop()
{
    m_started = false;
}

void SyncClient::setPeriodicIntervalMs(int ms)
{
    m_periodicMs = ms;
}

void SyncClient::signOut()
{
    stop();
    m_session = {};
    setState(State::SignedOut);
    emit signedOut(QString());
}

qint64 SyncClient::pendingCount() const
{
    auto n = m_replica->pendingCount();
    return n ? n.value() : 0;
}

void SyncClient::failWith(int status, const QString& error)
{
    if (status == 0)
        setState(State::Offline, error);
    finish(false, status == 0 ? tr("Offline: %1").arg(error) : error);
}

void SyncClient::pushNext()
{
    QSqlDatabase conn = m_db.connection();
    auto pending = Outbox::pending(conn, wire::kMaxMutationsPerPush);
    if (!pending) {
        finish(false, pending.message());
        return;
    }
    if (pending->isEmpty()) {
        pullNext();
        return;
    }
    wire::PushRequest req;
    req.deviceId = m_engine.deviceId();
    req.mutations = pending.value();
    const QJsonObject body = wire::Codec::toJson(req);
    request("POST", QStringLiteral("/v1/push"), &body, [this](int status, const QJsonObject& json, const QString& error) {
        if (!error.isEmpty())
            return failWith(status, error);
        auto resp = wire::Codec::pushResponseFromJson(json);
        if (!resp)
            return finish(false, tr("The server sent an unexpected answer: %1").arg(resp.message()));
        QList<Replica::Rejection> rejections;
        qint64 settled = 0;
        for (const auto& r : resp->results) {
            settled = std::max(settled, r.seq);
            ++m_stats.pushed;
            if (r.status == wire::MutationResult::Status::Rejected) {
                ++m_stats.rejected;
                rejections.append({r.seq, r.code, r.message, r.restore});
            } else if (r.status == wire::MutationResult::Status::AppliedWithConflict) {
                m_stats.conflicts += int(r.conflicts.size());
            }
        }
        auto applied = m_replica->applyPushResults(settled, rejections, QDateTime::currentMSecsSinceEpoch());
        if (!applied)
            return finish(false, applied.message());
        if (!applied->isEmpty())
            emit changed(applied.value());
        emit pushed(int(resp->results.size()));
        pushNext(); // the next batch, or the pull
    });
}

void SyncClient::pullNext()
{
    auto cursor = m_replica->cursor();
    if (!cursor)
        return finish(false, cursor.message());
    const QString path = QStringLiteral("/v1/pull?after=%1&limit=%2").arg(cursor.value()).arg(m_pageSize);
    request("GET", path, nullptr, [this](int status, const QJsonObject& json, const QString& error) {
        if (!error.isEmpty())
            return failWith(status, error);
        auto page = wire::Codec::pullPageFromJson(json);
        if (!page)
            return finish(false, tr("The server sent an unexpected answer: %1").arg(page.message()));
        QList<RowState> rows;
        rows.reserve(page->changes.size());
        for (const auto& c : page->changes)
            rows.append(c.state);
        m_stats.pulledRows += rows.size();
        auto applied = m_replica->applyPullPage(rows, page->lastAppliedSeq, page->cursor);
        if (!applied)
            return finish(false, applied.message());
        if (!applied->isEmpty())
            emit changed(applied.value());
        if (page->more)
            return pullNext();
        finish(true, {});
    });
}

void SyncClient::finish(bool ok, const QString& message)
{
    m_running = false;
    if (ok) {
        m_lastSynced = QDateTime::currentDateTime();
        setState(State::UpToDate, message);
    } else if (m_state != State::Offline) {
        setState(State::Error, message);
    }
    emit synced(ok, message);
    if (m_again)
        syncNow();
}

} // namespace outpost
