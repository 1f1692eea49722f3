#include "service/ServerApp.h"

#include "http/HttpServer.h"
#include "mutations/MutationRegistry.h"
#include "replication/RowCodec.h"
#include "service/AccountService.h"
#include "service/PostgresChangeFeed.h"
#include "service/ServerStorage.h"
#include "service/SyncService.h"
#include "storage/Database.h"
#include "util/JsonNumber.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>

#include <map>
#include <mutex>

namespace outpost::server {

Q_LOGGING_CATEGORY(lcServer, "outpost.server", QtInfoMsg)

namespace {

using http::Reply;
using http::Request;
using http::Response;

Response errorResponse(const Error& e)
{
    int status = 500;
    std::string code = "error";
    switch (e.code) {
    case ErrorCode::InvalidArgument:
        status = 400;
        code = "invalid";
        break;
    case ErrorCode::Unauthorized:
        status = 401;
        code = "unauthorized";
        break;
    case ErrorCode::Forbidden:
        status = 403;
        code = "forbidden";
        break;
    case ErrorCode::NotFound:
        status = 404;
        code = "not_found";
        break;
    case ErrorCode::AlreadyExists:
    case ErrorCode::Conflict:
        status = 409;
        code = "conflict";
        break;
    case ErrorCode::RateLimited:
        status = 429;
        code = "rate_limited";
        break;
    default:
        break;
    }
    return Response::error(status, code, e.message.toStdString());
}

Response jsonResponse(const QJsonObject& o)
{
    return Response::json(200, QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString());
}

Result<QJsonObject> bodyOf(const Request& r)
{
    return wire::Codec::parseObject(QByteArray::fromStdString(r.body));
}

QString bearer(const Request& r)
{
    const QString h = QString::fromStdString(r.header("authorization"));
    return h.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive) ? h.mid(7).trimmed() : QString();
}

Result<qint64> queryInt(const Request& r, const char* name, qint64 fallback, qint64 min, qint64 max)
{
    const std::string v = r.queryValue(name);
    if (v.empty())
        return fallback;
    bool ok = false;
    const qint64 n = QString::fromStdString(v).toLongLong(&ok);
    if (!ok || n < min || n > max)
        return Error(ErrorCode::InvalidArgument,
                     ServerApp::tr("The parameter \"%1\" must be a whole number from %2 to %3.")
                         .arg(QLatin1String(name))
                         .arg(min)
                         .arg(max));
    return n;
}

} // namespace

Result<ServerConfig> ServerConfig::fromJson(const QJsonObject& o, const QString& origin)
{
    ServerConfig c;
    auto str = [&](const char* key, QString* out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString())
            *out = v.toString();
        return v.isUndefined() || v.isString();
    };
    auto num = [&](const char* key, qint64 min, qint64 max, qint64* out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        const std::optional<qint64> n = jsonWholeNumber(v);
        if (!n || *n < min || *n > max)
            return false;
        *out = *n;
        return true;
    };
    qint64 port = c.port, workers = c.workerThreads, body = c.maxBodyBytes, timeout = c.readTimeoutMs, cache = c.cacheMiB;
    for (const char* key : {"data", "database", "bind", "certificate", "privateKey", "secretKey"}) {
        QString* target = qstrcmp(key, "data") == 0       ? &c.dataDir
                          : qstrcmp(key, "database") == 0 ? &c.databaseUrl
                          : qstrcmp(key, "bind") == 0     ? &c.bindAddress
                          : qstrcmp(key, "certificate") == 0 ? &c.certificateFile
                          : qstrcmp(key, "secretKey") == 0   ? &c.secretKeyFile
                                                             : &c.privateKeyFile;
        if (!str(key, target))
            return Error(ErrorCode::InvalidArgument, ServerApp::tr("%1: \"%2\" must be text.").arg(origin, QLatin1String(key)));
    }
    if (!num("port", 0, 65535, &port) || !num("workers", 1, 256, &workers) || !num("maxBodyBytes", 1024, 1LL << 30, &body)
        || !num("readTimeoutMs", 100, 600000, &timeout) || !num("cacheMiB", 1, 1 << 20, &cache))
        return Error(ErrorCode::InvalidArgument,
                     ServerApp::tr("%1: port (0–65535), workers (1–256), maxBodyBytes, readTimeoutMs and cacheMiB (from 1) "
                                   "must be numbers in range.")
                         .arg(origin));
    c.port = quint16(port);
    c.workerThreads = int(workers);
    c.maxBodyBytes = body;
    c.readTimeoutMs = int(timeout);
    c.cacheMiB = int(cache);
    if (o.contains(QStringLiteral("accessLog")))
        c.accessLog = o.value(QStringLiteral("accessLog")).toBool(true);
    return c;
}

Result<ServerConfig> ServerConfig::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, ServerApp::tr("Cannot read the config file %1: %2").arg(path, f.errorString()));
    auto o = wire::Codec::parseObject(f.readAll());
    if (!o)
        return Error(ErrorCode::InvalidArgument, ServerApp::tr("The config file %1 is not valid: %2").arg(path, o.message()));
    return fromJson(o.value(), path);
}

struct ServerApp::Impl
{
    ServerConfig config;
    ServerStorage storage;
    const Clock& clock;
    std::unique_ptr<Database> accountsDb;
    std::unique_ptr<AccountService> accounts;
    std::unique_ptr<http::HttpServer> http;
    std::unique_ptr<PostgresChangeFeed> feed; // PostgreSQL: live events from other instances

    struct Team
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<SyncService> sync;
        std::mutex streamsLock;
        // Held here: the server keeps an event stream only as long as someone holds it (a weak pointer
        // here let every stream die as soon as it was opened, after its first event).
        std::vector<std::shared_ptr<http::EventStream>> streams;
    };
    QMutex teamsLock;
    std::map<QString, std::unique_ptr<Team>> teams;

    Impl(ServerConfig c, const Clock& k) : config(std::move(c)), storage{config.dataDir, config.databaseUrl, config.secretKeyFile}, clock(k)
    {
        storage.teamCacheKiB = config.teamCacheKiB();
    }

    Result<Team*> team(const QString& teamId)
    {
        QMutexLocker locker(&teamsLock);
        auto it = teams.find(teamId);
        if (it != teams.end())
            return it->second.get();
        auto db = storage.openTeam(teamId);
        if (!db)
            return db.error();
        auto t = std::make_unique<Team>();
        t->db = std::move(db.value());
        t->sync = std::make_unique<SyncService>(*t->db, MutationRegistry::standard(), RowCodecRegistry::standard(), clock);
        Team* raw = t.get();
        t->sync->setOnCommitted([this, raw, teamId](qint64 head) {
            notify(raw, head);
            if (feed)
                (void)feed->announce(raw->db->connection(), teamId, head); // logs its own failure
        });
        teams.emplace(teamId, std::move(t));
        return raw;
    }

    // A "changes" event: the new head, or none (unknown: the device pulls anyway).
    static void notify(Team* t, std::optional<qint64> head)
    {
        const std::string data = head ? "{\"head\":" + std::to_string(*head) + "}" : std::string("{}");
        std::lock_guard<std::mutex> lock(t->streamsLock);
        auto& v = t->streams;
        for (auto it = v.begin(); it != v.end();) {
            if (!(*it)->isOpen() || !(*it)->send("changes", data))
                it = v.erase(it);
            else
                ++it;
        }
    }

    Result<std::pair<Principal, Team*>> authorise(const Request& r)
    {
        auto who = accounts->authenticate(bearer(r));
        if (!who)
            return who.error();
        auto t = team(who->teamId);
        if (!t)
            return t.error();
        return std::make_pair(who.value(), t.value());
    }

    void routes()
    {
        http->route("POST", "/v1/auth/login", [this](const Request& r) -> Reply {
            auto body = bodyOf(r);
            if (!body)
                return errorResponse(body.error());
            auto req = wire::Codec::loginRequestFromJson(body.value());
            if (!req)
                return errorResponse(req.error());
            bool codeRequired = false;
            auto session = accounts->login(req.value(), QString::fromStdString(r.peer), &codeRequired);
            // Its own code, so a client asks for the authenticator code only when the account has one.
            if (!session && codeRequired)
                return Response::error(401, "totp_required", session.message().toStdString());
            if (!session)
                return errorResponse(session.error());
            session->maxRequestBytes = config.maxBodyBytes; // devices size their pushes below it
            return jsonResponse(wire::Codec::toJson(session.value()));
        });
        http->route("POST", "/v1/auth/refresh", [this](const Request& r) -> Reply {
            auto body = bodyOf(r);
            if (!body)
                return errorResponse(body.error());
            const QString token = body->value(QStringLiteral("refreshToken")).toString();
            const QString device = body->value(QStringLiteral("deviceId")).toString();
            if (token.isEmpty() || device.isEmpty())
                return errorResponse(Error(ErrorCode::InvalidArgument, tr("\"refreshToken\" and \"deviceId\" are required.")));
            auto session = accounts->refresh(token, device);
            if (!session)
                return errorResponse(session.error());
            session->maxRequestBytes = config.maxBodyBytes;
            return jsonResponse(wire::Codec::toJson(session.value()));
        });
        http->route("POST", "/v1/auth/logout", [this](const Request& r) -> Reply {
            auto who = accounts->authenticate(bearer(r));
            if (!who)
                return errorResponse(who.error());
            if (Status s = accounts->logout(who.value()); !s)
                return errorResponse(s.error());
            return jsonResponse(QJsonObject{{QStringLiteral("ok"), true}});
        });
        http->route("POST", "/v1/auth/totp/enrol", [this](const Request& r) -> Reply {
            auto who = accounts->authenticate(bearer(r));
            if (!who)
                return errorResponse(who.error());
            auto e = accounts->beginTotpEnrolment(who.value());
            if (!e)
                return errorResponse(e.error());
            return jsonResponse(QJsonObject{{QStringLiteral("secret"), e->secret}, {QStringLiteral("uri"), e->uri}});
        });
        http->route("POST", "/v1/auth/totp/confirm", [this](const Request& r) -> Reply {
            auto who = accounts->authenticate(bearer(r));
            if (!who)
                return errorResponse(who.error());
            auto body = bodyOf(r);
            if (!body)
                return errorResponse(body.error());
            if (Status s = accounts->confirmTotp(who.value(), body->value(QStringLiteral("code")).toString()); !s)
                return errorResponse(s.error());
            return jsonResponse(QJsonObject{{QStringLiteral("ok"), true}});
        });
        http->route("POST", "/v1/push", [this](const Request& r) -> Reply {
            auto auth = authorise(r);
            if (!auth)
                return errorResponse(auth.error());
            auto body = bodyOf(r);
            if (!body)
                return errorResponse(body.error());
            auto req = wire::Codec::pushRequestFromJson(body.value());
            if (!req)
                return errorResponse(req.error());
            if (req->deviceId != auth->first.deviceId)
                return errorResponse(Error(ErrorCode::Forbidden, tr("This session belongs to another device.")));
            auto result = auth->second->sync->push(auth->first, req.value());
            if (!result)
                return errorResponse(result.error());
            return jsonResponse(wire::Codec::toJson(result.value()));
        });
        http->route("GET", "/v1/pull", [this](const Request& r) -> Reply {
            auto auth = authorise(r);
            if (!auth)
                return errorResponse(auth.error());
            auto after = queryInt(r, "after", 0, 0, std::numeric_limits<qint64>::max());
            if (!after)
                return errorResponse(after.error());
            auto limit = queryInt(r, "limit", 1000, 1, wire::kMaxPullPage);
            if (!limit)
                return errorResponse(limit.error());
            auto page = auth->second->sync->pull(auth->first, after.value(), int(limit.value()));
            if (!page)
                return errorResponse(page.error());
            return jsonResponse(wire::Codec::toJson(page.value()));
        });
        http->route("GET", "/v1/snapshot", [this](const Request& r) -> Reply {
            auto auth = authorise(r);
            if (!auth)
                return errorResponse(auth.error());
            auto at = queryInt(r, "at", 0, 0, std::numeric_limits<qint64>::max());
            if (!at)
                return errorResponse(at.error());
            auto limit = queryInt(r, "limit", 5000, 1, wire::kMaxSnapshotPage);
            if (!limit)
                return errorResponse(limit.error());
            const QString entity = QString::fromStdString(r.queryValue("entity"));
            const QString after = QString::fromStdString(r.queryValue("after"));
            auto page = auth->second->sync->snapshot(auth->first, at.value(), entity, after, int(limit.value()));
            if (!page)
                return errorResponse(page.error());
            return Response::json(200, wire::Codec::snapshotPageBytes(page.value()).toStdString());
        });
        http->route("GET", "/v1/events", [this](const Request& r) -> Reply {
            auto auth = authorise(r);
            if (!auth)
                return errorResponse(auth.error());
            Team* t = auth->second;
            return Reply::stream([t](std::shared_ptr<http::EventStream> stream) {
                auto head = t->sync->head();
                stream->send("changes", "{\"head\":" + std::to_string(head ? head.value() : 0) + "}");
                std::lock_guard<std::mutex> lock(t->streamsLock);
                std::erase_if(t->streams, [](const auto& s) { return !s->isOpen(); }); // clients that left
                t->streams.push_back(std::move(stream));
            });
        });
    }
};

ServerApp::ServerApp(ServerConfig config, const Clock& clock) : d(std::make_unique<Impl>(std::move(config), clock)) {}

ServerApp::~ServerApp()
{
    stop();
}

Status ServerApp::start()
{
    auto db = d->storage.openAccounts();
    if (!db)
        return db.error();
    d->accountsDb = std::move(db.value());
    d->accounts = std::make_unique<AccountService>(*d->accountsDb, d->clock, AccountService::Options());
    auto keyPath = d->storage.secretKeyPath();
    if (!keyPath)
        return keyPath.error();
    if (Status s = d->accounts->unlockSecrets(keyPath.value()); !s)
        return s;
    if (d->storage.isPostgres()) {
        // Devices connected to this instance hear of changes pushed through the others. Only teams this
        // instance has open can have streams here.
        d->feed = std::make_unique<PostgresChangeFeed>(
            d->config.databaseUrl,
            [this](const QString& teamId, qint64 head) {
                QMutexLocker locker(&d->teamsLock);
                auto it = d->teams.find(teamId);
                if (it != d->teams.end())
                    Impl::notify(it->second.get(), head);
            },
            [this] {
                // Listening again after the connection dropped: what was announced meanwhile was missed, so
                // every open team's devices are told to pull.
                QMutexLocker locker(&d->teamsLock);
                for (auto& entry : d->teams)
                    Impl::notify(entry.second.get(), std::nullopt);
            });
        if (Status s = d->feed->start(); !s)
            return s;
    }

    http::ServerOptions ho;
    ho.bindAddress = d->config.bindAddress.toStdString();
    ho.port = d->config.port;
    ho.certificateFile = d->config.certificateFile.toStdString();
    ho.privateKeyFile = d->config.privateKeyFile.toStdString();
    ho.workerThreads = d->config.workerThreads;
    ho.maxBodyBytes = std::size_t(d->config.maxBodyBytes);
    ho.readTimeout = std::chrono::milliseconds(d->config.readTimeoutMs);
    ho.accessLog = d->config.accessLog;
    d->http = std::make_unique<http::HttpServer>(ho);
    d->routes();
    std::string error;
    if (!d->http->start(&error))
        return Error(ErrorCode::Io, tr("The server could not start: %1").arg(QString::fromStdString(error)));
    return {};
}

quint16 ServerApp::port() const
{
    return d->http ? d->http->port() : 0;
}

void ServerApp::stop()
{
    if (d->feed) {
        d->feed->stop();
        d->feed.reset();
    }
    if (d->http) {
        d->http->stop();
        d->http.reset();
    }
}

} // namespace outpost::server
