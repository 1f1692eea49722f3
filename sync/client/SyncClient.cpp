#include "client/SyncClient.h"

#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "replication/Replica.h"
#include "storage/Database.h"
#include "util/JsonNumber.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

namespace outpost {

Q_LOGGING_CATEGORY(lcSyncClient, "outpost.sync.client", QtInfoMsg)

namespace {
constexpr int kFirstBackoffMs = 2000;
constexpr int kMaxBackoffMs = 5 * 60 * 1000;
constexpr int kDebounceMs = 100; // local edits in a burst go in one push; short, so others see them at once
// The server sends a keep-alive comment every 15 s; three missed ones mean the stream is dead.
constexpr int kStreamSilenceMs = 45000;
} // namespace

SyncClient::SyncClient(Database& db, MutationEngine& engine, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_engine(engine)
    , m_replica(std::make_unique<Replica>(db, MutationRegistry::standard(), RowCodecRegistry::standard()))
    , m_net(new QNetworkAccessManager(this))
    , m_retryTimer(new QTimer(this))
    , m_periodicTimer(new QTimer(this))
    , m_debounceTimer(new QTimer(this))
    , m_streamWatchdog(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        m_nextRetry = {};
        if (!m_started)
            return;
        if (!m_stream)
            openEventStream();
        syncNow();
    });
    connect(m_periodicTimer, &QTimer::timeout, this, &SyncClient::syncNow);
    m_debounceTimer->setSingleShot(true);
    m_debounceTimer->setInterval(kDebounceMs);
    connect(m_debounceTimer, &QTimer::timeout, this, &SyncClient::syncNow);
    m_streamWatchdog->setSingleShot(true);
    m_streamWatchdog->setInterval(kStreamSilenceMs);
    connect(m_streamWatchdog, &QTimer::timeout, this, [this] {
        qCInfo(lcSyncClient) << "live event stream silent; reconnecting";
        closeEventStream();
        if (m_started)
            openEventStream();
    });
}

SyncClient::~SyncClient()
{
    closeEventStream();
    if (m_writerThread) {
        m_writerThread->quit();
        m_writerThread->wait();
    }
}

void SyncClient::setServer(const QUrl& baseUrl, const QList<QSslCertificate>& extraTrusted)
{
    m_base = baseUrl;
    m_trusted = extraTrusted;
    m_pushBytesCap = 0;
    // A kept-alive connection made under the old trust settings would otherwise be reused as it is.
    m_net->clearConnectionCache();
}

void SyncClient::setState(State s, const QString& message)
{
    m_state = s;
    m_message = message;
    emit stateChanged(s, message);
}

QNetworkRequest SyncClient::makeRequest(const QString& path) const
{
    QUrl url = m_base;
    const int q = int(path.indexOf(QLatin1Char('?')));
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!m_session.accessToken.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_session.accessToken.toUtf8());
    if (!m_trusted.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        QList<QSslCertificate> cas = ssl.caCertificates();
        cas += m_trusted;
        ssl.setCaCertificates(cas);
        req.setSslConfiguration(ssl);
    }
    return req;
}

void SyncClient::request(const QByteArray& verb, const QString& path, const QJsonObject* body, JsonHandler handler,
                         bool mayRefresh)
{
    QNetworkRequest req = makeRequest(path);
    req.setTransferTimeout(30000);
    const QByteArray payload = body ? QJsonDocument(*body).toJson(QJsonDocument::Compact) : QByteArray();
    QNetworkReply* reply = m_net->sendCustomRequest(req, verb, payload);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, verb, path, payload, mayRefresh, handler = std::move(handler)]() mutable {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        const QJsonObject json = QJsonDocument::fromJson(bytes).object();
        if (status == 401 && mayRefresh && !m_session.refreshToken.isEmpty()) {
            // The access token expired (or was never there: a session resumed from its refresh token).
            refreshSession([this, verb, path, payload, handler = std::move(handler)](bool ok, int st, const QString& err) {
                if (!ok)
                    return handler(st, {}, err);
                const QJsonObject again = QJsonDocument::fromJson(payload).object();
                request(verb, path, payload.isEmpty() ? nullptr : &again, handler, false);
            });
            return;
        }
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

void SyncClient::refreshSession(std::function<void(bool ok, int status, const QString& error)> done)
{
    m_refreshWaiters.append(std::move(done));
    if (m_refreshWaiters.size() > 1)
        return; // one refresh at a time: a rotated token can be used once only
    const QJsonObject body{{QStringLiteral("refreshToken"), m_session.refreshToken},
                           {QStringLiteral("deviceId"), m_engine.deviceId()}};
    m_session.accessToken.clear();
    request("POST", QStringLiteral("/v1/auth/refresh"), &body,
            [this](int status, const QJsonObject& json, const QString& error) {
        bool ok = false;
        QString why = error;
        if (error.isEmpty()) {
            auto session = wire::Codec::sessionFromJson(json);
            if (session) {
                m_session = session.value();
                m_engine.setActor(m_session.userId);
                ok = true;
                emit sessionChanged(m_session);
            } else {
                why = tr("The server sent an unexpected answer: %1").arg(session.message());
            }
        }
        const auto waiters = std::exchange(m_refreshWaiters, {});
        if (!ok && (status == 401 || status == 403))
            endSession(tr("The server ended this device's session (%1). Sign in again.").arg(why));
        for (const auto& w : waiters)
            w(ok, status, why);
    }, false);
}

void SyncClient::endSession(const QString& reason)
{
    stop();
    m_session = {};
    setState(State::SignedOut, reason);
    emit signedOut(reason);
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
        if (status == 401 && json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()
                                 == QLatin1String("totp_required")) {
            emit secondFactorRequired(error);
            return;
        }
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
        emit sessionChanged(m_session);
        emit signedIn(m_session);
    });
}

void SyncClient::syncNow()
{
    if (m_session.accessToken.isEmpty() && m_session.refreshToken.isEmpty()) {
        finish(false, tr("Sign in to sync."));
        return;
    }
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    m_again = false;
    m_bootstrappedThisRound = false;
    m_stats = {};
    auto pending = m_replica->pendingCount();
    setState(State::Syncing, tr("Syncing %n change(s)", nullptr, int(pending ? pending.value() : 0)));
    pushNext();
}

void SyncClient::start()
{
    if (m_started)
        return;
    m_started = true;
    connect(&m_engine, &MutationEngine::changed, this, &SyncClient::onLocalChange, Qt::UniqueConnection);
    m_periodicTimer->start(m_periodicMs);
    openEventStream();
    syncNow();
}

void SyncClient::stop()
{
    m_started = false;
    disconnect(&m_engine, &MutationEngine::changed, this, &SyncClient::onLocalChange);
    m_periodicTimer->stop();
    m_retryTimer->stop();
    m_debounceTimer->stop();
    m_nextRetry = {};
    closeEventStream();
}

void SyncClient::setPeriodicIntervalMs(int ms)
{
    m_periodicMs = ms;
    if (m_periodicTimer->isActive())
        m_periodicTimer->start(ms);
}

void SyncClient::onLocalChange()
{
    emit pendingChanged(pendingCount());
    m_debounceTimer->start();
}

void SyncClient::openEventStream()
{
    if (m_stream || m_session.refreshToken.isEmpty())
        return;
    if (m_session.accessToken.isEmpty()) {
        // Resumed from a refresh token: get an access token first.
        refreshSession([this](bool ok, int, const QString&) {
            if (ok && m_started)
                openEventStream();
        });
        return;
    }
    QNetworkRequest req = makeRequest(QStringLiteral("/v1/events"));
    req.setRawHeader("Accept", "text/event-stream");
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_streamBuffer.clear();
    QNetworkReply* reply = m_net->get(req);
    m_stream = reply;
    m_streamWatchdog->start();
    connect(reply, &QNetworkReply::readyRead, this, &SyncClient::onEventBytes);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (m_stream != reply)
            return; // closed on purpose
        m_stream = nullptr;
        m_streamWatchdog->stop();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!m_started)
            return;
        if (status == 401 && !m_session.refreshToken.isEmpty()) {
            refreshSession([this](bool ok, int, const QString&) {
                if (ok && m_started)
                    openEventStream();
            });
            return;
        }
        // The server went away (restart, network): sync now; a failure schedules the backoff that
        // also reopens the stream.
        qCInfo(lcSyncClient) << "live event stream ended" << status << reply->errorString();
        if (status == 0)
            scheduleRetry();
        else
            syncNow();
    });
}

void SyncClient::closeEventStream()
{
    m_streamWatchdog->stop();
    if (QNetworkReply* r = m_stream) {
        m_stream = nullptr;
        r->abort();
    }
    m_streamBuffer.clear();
}

void SyncClient::onEventBytes()
{
    if (!m_stream)
        return;
    m_streamWatchdog->start();
    m_streamBuffer += m_stream->readAll();
    // Server-Sent Events: events end with a blank line; "event:" names it, "data:" carries JSON,
    // lines starting with ':' are keep-alive comments.
    for (;;) {
        const qsizetype end = m_streamBuffer.indexOf("\n\n");
        if (end < 0)
            break;
        const QByteArray block = m_streamBuffer.left(end);
        m_streamBuffer.remove(0, end + 2);
        QByteArray name;
        QByteArray data;
        for (const QByteArray& line : block.split('\n')) {
            if (line.startsWith("event:"))
                name = line.mid(6).trimmed();
            else if (line.startsWith("data:"))
                data += line.mid(5).trimmed();
        }
        if (name != "changes")
            continue;
        const std::optional<qint64> head =
            jsonWholeNumber(QJsonDocument::fromJson(data).object().value(QStringLiteral("head")));
        auto cursor = m_replica->cursor();
        // Pull at once: a change another device made should show here within a fraction of a second.
        // Events arriving while a sync runs collapse into one more sync after it (syncNow sets m_again).
        if (!head || !cursor || *head > cursor.value() || *head != m_lastKnownHead)
            syncNow();
        m_lastKnownHead = head.value_or(-1);
    }
    if (m_streamBuffer.size() > 64 * 1024)
        m_streamBuffer.clear(); // not an event stream we understand; the watchdog or the end will reconnect
}

void SyncClient::scheduleRetry()
{
    if (!m_started || m_retryTimer->isActive())
        return; // one failure schedules one retry, however many requests noticed it
    m_backoffMs = m_backoffMs == 0 ? kFirstBackoffMs : std::min(m_backoffMs * 2, kMaxBackoffMs);
    m_nextRetry = QDateTime::currentDateTime().addMSecs(m_backoffMs);
    m_retryTimer->start(m_backoffMs);
}

void SyncClient::signOut()
{
    const bool hadSession = !m_session.accessToken.isEmpty();
    stop();
    if (hadSession) {
        // Best effort: the server revokes this device's refresh tokens; offline, they expire on their own.
        request("POST", QStringLiteral("/v1/auth/logout"), nullptr, [](int, const QJsonObject&, const QString&) {}, false);
    }
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
    if (status == 0 || status >= 500) {
        setState(State::Offline, error);
        scheduleRetry(); // the server is away or overloaded: try again later, less and less often
    }
    finish(false, status == 0 ? tr("Offline: %1").arg(error) : error);
}

qint64 SyncClient::pushByteBudget() const
{
    qint64 budget = Outbox::kMaxPendingBytes;
    // Half the announced limit: the count is about the bytes of ASCII JSON, and text in other scripts
    // takes up to three bytes a character on the wire. A 413 halves it further.
    if (m_session.maxRequestBytes > 0)
        budget = std::min(budget, m_session.maxRequestBytes / 2);
    if (m_pushBytesCap > 0)
        budget = std::min(budget, m_pushBytesCap);
    return budget;
}

void SyncClient::pushNext()
{
    QSqlDatabase conn = m_db.connection();
    qint64 bytes = 0;
    auto pending = Outbox::pending(conn, m_pushBatch, 0, pushByteBudget(), &bytes);
    if (!pending) {
        finish(false, pending.message());
        return;
    }
    if (pending->isEmpty()) {
        pullNext();
        return;
    }
    sendPush(pending.value(), bytes, false);
}

void SyncClient::sendPush(const QList<Mutation>& mutations, qint64 bytes, bool withdrawing)
{
    wire::PushRequest req;
    req.deviceId = m_engine.deviceId();
    req.mutations = mutations;
    const QJsonObject body = wire::Codec::toJson(req);
    request("POST", QStringLiteral("/v1/push"), &body,
            [this, mutations, bytes, withdrawing](int status, const QJsonObject& json, const QString& error) {
        if (status == 413) {
            // Fewer changes are worth a try whoever refused; one change alone is withdrawn only when our
            // server itself says it is too large (a proxy in front of it may take less than it announces:
            // withdrawing would undo a change the server would take).
            const bool server = json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()
                                == QLatin1String("body_too_large");
            if (mutations.size() > 1 || server)
                return pushTooLarge(mutations, bytes, withdrawing);
            return failWith(status, tr("Something between this device and the server (a proxy?) refused a change "
                                       "of %1 KiB as too large. The change is kept and sent again at the next "
                                       "sync; ask your administrator to raise that limit.")
                                        .arg(std::max<qint64>(1, bytes / 1024)));
        }
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
                // A withdrawn change is refused whatever the server calls it (one that predates withdrawals
                // does not know the name); it keeps the server's rows to restore.
                if (withdrawing)
                    rejections.append({r.seq, QStringLiteral("too_large"), tooLargeReason(bytes, true), r.restore});
                else
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
        emit pendingChanged(pendingCount());
        pushNext(); // the next batch, or the pull
    });
}

void SyncClient::pushTooLarge(const QList<Mutation>& sent, qint64 bytes, bool withdrawing)
{
    if (sent.size() > 1) {
        // Half the bytes next time (and for the rest of this server's session): at least one change fewer.
        m_pushBytesCap = std::max<qint64>(1, bytes / 2);
        qCInfo(lcSyncClient) << "push of" << sent.size() << "changes refused as too large; sending at most"
                             << m_pushBytesCap << "bytes of changes";
        return pushNext();
    }
    const Mutation& m = sent.first();
    if (!withdrawing) {
        // One change alone is too large: it can never be delivered. It is withdrawn, so the server settles its
        // number and answers with its state of the rows the change touched here, which the device returns to.
        qCInfo(lcSyncClient) << "change" << m.seq << m.qualifiedName() << "is too large for the server; withdrawing it";
        Mutation w = m;
        w.name = QString::fromLatin1(wire::kWithdrawnMutation);
        w.version = 1;
        w.args = QJsonObject{{QStringLiteral("name"), m.qualifiedName()}, {QStringLiteral("bytes"), bytes}};
        w.touched = {};
        for (const QJsonValue& t : m.touched) {
            const QJsonObject row = t.toObject();
            w.touched.append(QJsonObject{{QStringLiteral("entity"), row.value(QStringLiteral("entity"))},
                                         {QStringLiteral("id"), row.value(QStringLiteral("id"))}});
        }
        return sendPush({w}, bytes, true);
    }
    // Even the withdrawal is too large (it names very many rows): refused here alone. Its rows keep this
    // device's values until the server changes them; the user is told so.
    ++m_stats.pushed;
    ++m_stats.rejected;
    const QList<Replica::Rejection> rejections{
        {m.seq, QStringLiteral("too_large"), tooLargeReason(bytes, false), {}}};
    auto applied = m_replica->applyPushResults(m.seq, rejections, QDateTime::currentMSecsSinceEpoch());
    if (!applied)
        return finish(false, applied.message());
    if (!applied->isEmpty())
        emit changed(applied.value());
    emit pendingChanged(pendingCount());
    pushNext();
}

QString SyncClient::tooLargeReason(qint64 bytes, bool undone) const
{
    const qint64 kib = std::max<qint64>(1, bytes / 1024);
    const QString what =
        m_session.maxRequestBytes > 0
            ? tr("This change is too large to send (about %1 KiB; the server accepts at most %2 KiB in one request), so "
                 "it can never be delivered.").arg(kib).arg(m_session.maxRequestBytes / 1024)
            : tr("This change is too large to send (about %1 KiB, more than the server accepts in one request), so it "
                 "can never be delivered.").arg(kib);
    const QString next = undone ? tr("It was undone here: make it smaller and retry it, or discard it.")
                                : tr("Its records could not be reloaded from the server, so they keep this device's "
                                     "values until they are changed there. Make it smaller and retry it, or discard it.");
    return what + QLatin1Char(' ') + next;
}

void SyncClient::abortWriter()
{
    m_replica->abort();
}

void SyncClient::cancelBootstrap()
{
    if (m_bootstrapping)
        m_cancelBootstrap = true;
}

std::shared_ptr<SyncClient::SnapshotFetch> SyncClient::fetchSnapshotPage(const Replica::Bootstrap& from)
{
    auto fetch = std::make_shared<SnapshotFetch>();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("at"), QString::number(from.at));
    query.addQueryItem(QStringLiteral("entity"), from.entity);
    query.addQueryItem(QStringLiteral("after"), from.after);
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_snapshotPageSize));
    const QString path = QStringLiteral("/v1/snapshot?") + query.toString(QUrl::FullyEncoded);
    request("GET", path, nullptr, [this, fetch](int status, const QJsonObject& json, const QString& error) {
        fetch->arrived = true;
        fetch->status = status;
        fetch->error = error;
        if (error.isEmpty()) {
            // Read and prepared now, while the writer may still be busy with the page before.
            fetch->page = wire::Codec::snapshotPageFromJson(json);
            if (fetch->page)
                m_replica->prepareSnapshotPage(fetch->page->blocks);
        }
        if (auto then = std::exchange(fetch->then, {}))
            then();
    });
    return fetch;
}

void SyncClient::snapshotNext()
{
    auto state = m_replica->bootstrap();
    if (!state)
        return finish(false, state.message());
    m_bootstrapping = true;
    applySnapshotPage(state.value(), fetchSnapshotPage(state.value()));
}

void SyncClient::applySnapshotPage(const Replica::Bootstrap& state, std::shared_ptr<SnapshotFetch> fetch)
{
    if (!fetch->arrived) {
        // Weak: the pending reply holds the fetch; a client destroyed first leaves no cycle behind.
        fetch->then = [this, state, weak = std::weak_ptr<SnapshotFetch>(fetch)] {
            if (auto f = weak.lock())
                applySnapshotPage(state, f);
        };
        return;
    }
    // Whatever ends the bootstrap before its end gives the profile its indexes back first (stopBootstrap).
    auto stop = [this](bool ok, const QString& message) {
        stopBootstrap([this, ok, message] { finish(ok, message); });
    };
    if (m_cancelBootstrap) {
        const QString message = tr("The first sync was stopped; the next sync continues where it stopped.");
        return stopBootstrap([this, message] {
            setState(State::Idle, message); // stopped on purpose: not an error
            finish(false, message);
        });
    }
    if (!fetch->error.isEmpty()) {
        // The server away for a moment (no answer, 5xx): the retry comes in seconds and would drop the indexes
        // again, so they are rebuilt only when it stays away (kRestoreAfterFailedFetches in a row), or for any
        // other answer. A quit meanwhile is repaired at the next unlock.
        const bool transient = fetch->status == 0 || fetch->status >= 500;
        if (transient && ++m_failedBootstrapFetches < kRestoreAfterFailedFetches) {
            m_bootstrapping = false;
            m_cancelBootstrap = false;
            return failWith(fetch->status, fetch->error);
        }
        m_failedBootstrapFetches = 0;
        return stopBootstrap([this, status = fetch->status, error = fetch->error] { failWith(status, error); });
    }
    m_failedBootstrapFetches = 0;
    auto& page = fetch->page;
    if (!page)
        return stop(false, tr("The server sent an unexpected answer: %1").arg(page.message()));
    Replica::Bootstrap next = state;
    next.at = page->at;
    next.entity = page->nextEntity;
    next.after = page->nextAfter;
    if (!state.running)
        next.total = page->total;
    next.done = std::min(next.total, state.done + page->scanned);
    // The next page is asked for before this one is written: the server reads it while this device
    // writes (the two overlap on two cores). Its answer waits in `ahead`.
    std::shared_ptr<SnapshotFetch> ahead = page->more ? fetchSnapshotPage(next) : nullptr;
    qint64 rows = 0;
    for (const SnapshotBlock& b : page->blocks)
        rows += b.rows.size();
    auto applied = std::make_shared<Result<EntityChanges>>(EntityChanges());
    onWriter([this, applied, blocks = std::move(page->blocks), next] { *applied = m_replica->applySnapshotPage(blocks, next); },
             [this, applied, next, ahead, rows, stop]() mutable {
        if (!*applied)
            return stop(false, applied->message());
        m_stats.pulledRows += rows;
        if (!applied->value().isEmpty())
            emit changed(applied->value());
        emit bootstrapProgress(next.done, next.total, !ahead);
        if (ahead) {
            next.running = true;
            return applySnapshotPage(next, ahead);
        }
        auto finished = std::make_shared<Result<EntityChanges>>(EntityChanges());
        onWriter([this, finished] { *finished = m_replica->finishBootstrap(); }, [this, finished, stop] {
            if (!*finished)
                return stop(false, finished->message());
            m_bootstrapping = false;
            m_bootstrappedThisRound = true;
            if (!finished->value().isEmpty())
                emit changed(finished->value());
            pullNext(); // what changed since the snapshot began
        });
    });
}

void SyncClient::stopBootstrap(std::function<void()> then)
{
    auto state = m_replica->bootstrap();
    if (!state || !state->running || state->indexed) {
        m_bootstrapping = false;
        m_cancelBootstrap = false;
        return then();
    }
    // On the writer, like the pages: seconds at a million rows, and the UI keeps working meanwhile.
    setState(State::Syncing, tr("Finishing the first sync's indexes…"));
    emit bootstrapProgress(state->done, state->total, true);
    auto stopped = std::make_shared<Result<EntityChanges>>(EntityChanges());
    onWriter([this, stopped] { *stopped = m_replica->stopBootstrap(); }, [this, stopped, then = std::move(then)] {
        if (!*stopped) // left for the profile's next open, which completes it
            qCWarning(lcSyncClient) << "could not restore the indexes of the stopped first sync:" << stopped->message();
        else if (!stopped->value().isEmpty())
            emit changed(stopped->value());
        m_bootstrapping = false;
        m_cancelBootstrap = false;
        then();
    });
}

void SyncClient::onWriter(std::function<void()> work, std::function<void()> then)
{
    if (!m_writerThread) {
        m_writerThread = new QThread(this);
        m_writerThread->setObjectName(QStringLiteral("sync-bootstrap"));
        m_writer = new QObject;
        m_writer->moveToThread(m_writerThread);
        Database* db = &m_db;
        // Runs on the worker thread as it ends: a connection is closed only by its own thread.
        connect(m_writerThread, &QThread::finished, m_writer, [db] { db->releaseThreadConnection(); }, Qt::DirectConnection);
        connect(m_writerThread, &QThread::finished, m_writer, &QObject::deleteLater);
        m_writerThread->start();
    }
    QMetaObject::invokeMethod(m_writer, [this, work = std::move(work), then = std::move(then)]() mutable {
        work();
        // Back on this object's thread; dropped if it is gone (the destructor waits for the worker first).
        QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void SyncClient::pullNext()
{
    auto cursor = m_replica->cursor();
    if (!cursor)
        return finish(false, cursor.message());
    if (cursor.value() == 0 && !m_bootstrappedThisRound)
        return snapshotNext();
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
        m_backoffMs = 0;
        m_nextRetry = {};
        m_retryTimer->stop();
        if (m_started && !m_stream)
            openEventStream();
        m_lastSynced = QDateTime::currentDateTime();
        setState(State::UpToDate, message);
    } else if (m_state != State::Offline && m_state != State::SignedOut && m_state != State::Idle) {
        setState(State::Error, message);
    }
    emit synced(ok, message);
    if (m_again && m_state != State::SignedOut)
        syncNow();
}

} // namespace outpost
