#pragma once

#include "protocol/Wire.h"
#include "replication/Replica.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QThread;
class QTimer;

namespace outpost {

class Database;
class MutationEngine;

// The desktop's sync engine: signs in, pushes the outbox, pulls the team's changes and applies them
// through Replica (one local transaction per push result and per page). Asynchronous on the thread
// that owns it; never blocks the UI.
class SyncClient : public QObject
{
    Q_OBJECT
public:
    enum class State { SignedOut, Idle, Syncing, UpToDate, Offline, Error };
    Q_ENUM(State)

    SyncClient(Database& db, MutationEngine& engine, QObject* parent = nullptr);
    ~SyncClient() override;

    // The server's base URL (https://host:port) and, for a self-signed server, the certificates to trust.
    void setServer(const QUrl& baseUrl, const QList<QSslCertificate>& extraTrusted = {});
    void setSession(const wire::Session& session) { m_session = session; }
    const wire::Session& session() const { return m_session; }

    void signIn(const QString& team, const QString& user, const QString& password, const QString& totp,
                const QString& deviceName);
    // Pushes everything pending and pulls to the head; a call while a sync runs queues one more round.
    void syncNow();

    // Automatic sync while signed in: shortly after each local change, at once on the server's live
    // event stream (/v1/events), every periodicIntervalMs() as a safety net, and with exponential backoff
    // (2 s doubling up to 5 min) while the server cannot be reached. stop() ends all of it.
    void start();
    void stop();
    bool isStarted() const { return m_started; }
    int periodicIntervalMs() const { return m_periodicMs; }
    void setPeriodicIntervalMs(int ms);
    // When the next automatic attempt is due after a failure (invalid while none is scheduled).
    QDateTime nextRetryAt() const { return m_nextRetry; }

    // Ends the session on the server (best effort) and here; local data is untouched. Emits signedOut().
    void signOut();

    // Local mutations not yet acknowledged by the server.
    qint64 pendingCount() const;

    State state() const { return m_state; }
    QString lastMessage() const { return m_message; }
    QDateTime lastSyncedAt() const { return m_lastSynced; }
    int pullPageSize() const { return m_pageSize; }
    void setPullPageSize(int n) { m_pageSize = n; }
    // Mutations sent per push request (at most wire::kMaxMutationsPerPush, the default).
    void setPushBatchSize(int n) { m_pushBatch = std::clamp(n, 1, wire::kMaxMutationsPerPush); }
    int snapshotPageSize() const { return m_snapshotPageSize; }
    void setSnapshotPageSize(int n) { m_snapshotPageSize = n; }

    // A device that has never pulled first downloads the team's snapshot (see Replica::Bootstrap), with
    // bootstrapProgress() after each page. Cancelling stops it after the page being applied (the local
    // indexes are then restored, reported as finishing); the next sync continues from there.
    void cancelBootstrap();
    // Failed snapshot fetches in a row (server away: no answer, 5xx) before a bootstrap gives the profile its
    // indexes back; the retries come 2, 4 and 8 s apart, so after about 15 s without the server.
    static constexpr int kRestoreAfterFailedFetches = 4;
    bool isBootstrapping() const { return m_bootstrapping; }
    // The profile is about to close (the app quits or locks) or the team's data to be wiped: the snapshot
    // page or index-restore step being written is interrupted and rolls back, and nothing more is written
    // (Replica::abort), so the destructor returns at once instead of waiting for seconds of index building.
    // The profile's next open completes a stopped first sync's indexes. Final: call it only when this client
    // is going away.
    void abortWriter();

    struct Stats
    {
        int pushed = 0;
        int rejected = 0;
        int conflicts = 0;
        qint64 pulledRows = 0;
    };
    const Stats& lastStats() const { return m_stats; }

signals:
    void signedIn(const outpost::wire::Session& session);
    void signInFailed(const QString& message);
    // The password was right and the account uses two-factor authentication: sign in again with the code
    // (the server answered 401 "totp_required"). Emitted instead of signInFailed.
    void secondFactorRequired(const QString& message);
    // New tokens (sign-in or a refresh rotated them): persist the refresh token now, the old one is dead.
    void sessionChanged(const outpost::wire::Session& session);
    // The session ended: signed out here, or the server refused the refresh token (revoked device).
    void signedOut(const QString& reason);
    void pendingChanged(qint64 pending);
    void stateChanged(outpost::SyncClient::State state, const QString& message);
    void synced(bool ok, const QString& message);
    void pushed(int settled); // after each acknowledged push batch
    void changed(const outpost::EntityChanges& changes);
    // The first sync's snapshot: `done` of about `total` rows walked (some may not be for this user);
    // `finishing` while the local indexes are rebuilt at the end.
    void bootstrapProgress(qint64 done, qint64 total, bool finishing);

private:
    using JsonHandler = std::function<void(int status, const QJsonObject& body, const QString& error)>;
    QNetworkRequest makeRequest(const QString& path) const;
    // Sends a JSON request; a 401 on an expired access token refreshes the session once and retries.
    void request(const QByteArray& verb, const QString& path, const QJsonObject* body, JsonHandler handler,
                 bool mayRefresh = true);
    // Trades the refresh token for a new session; `done(ok)` afterwards. Ends the session when refused.
    void refreshSession(std::function<void(bool ok, int status, const QString& error)> done);
    void endSession(const QString& reason);
    void scheduleRetry();
    void openEventStream();
    void closeEventStream();
    void onEventBytes();
    void onLocalChange();
    void setState(State s, const QString& message = {});
    void pushNext();
    // Sends `mutations` (about `bytes` by Outbox::pending's count). `withdrawing`: they are one withdrawal
    // (wire::kWithdrawnMutation) of a change too large for the server; its refusal is recorded as such.
    void sendPush(const QList<Mutation>& mutations, qint64 bytes, bool withdrawing);
    // The server refused a push as too large (413): fewer changes, or withdraw the one that is.
    void pushTooLarge(const QList<Mutation>& sent, qint64 bytes, bool withdrawing);
    // Bytes of changes one push carries at most: below the server's announced limit and what a 413 taught.
    qint64 pushByteBudget() const;
    QString tooLargeReason(qint64 bytes, bool undone) const;
    void pullNext();
    // Bootstrap: one snapshot page asked for; its answer is kept until the page before it is written.
    struct SnapshotFetch
    {
        bool arrived = false;
        int status = 0;
        QString error;
        Result<wire::SnapshotPage> page = wire::SnapshotPage(); // parsed and prepared as it arrives
        std::function<void()> then; // run when it arrives, if set
    };
    void snapshotNext();
    std::shared_ptr<SnapshotFetch> fetchSnapshotPage(const Replica::Bootstrap& from);
    void applySnapshotPage(const Replica::Bootstrap& state, std::shared_ptr<SnapshotFetch> fetch);
    // Bootstrap pages and the index rebuild are written on a worker thread (its own connection), so a
    // big first sync never blocks the thread that owns this client: `work` there, then `then` here.
    void onWriter(std::function<void()> work, std::function<void()> then);
    // A bootstrap ends before its end (stopped, failed): the indexes bulk loading dropped come back on the
    // writer (Replica::stopBootstrap), shown as finishing, then `then` here.
    void stopBootstrap(std::function<void()> then);
    void finish(bool ok, const QString& message);
    void failWith(int status, const QString& error);

    Database& m_db;
    MutationEngine& m_engine;
    std::unique_ptr<Replica> m_replica;
    QNetworkAccessManager* m_net;
    QUrl m_base;
    QList<QSslCertificate> m_trusted;
    wire::Session m_session;
    State m_state = State::SignedOut;
    QString m_message;
    QDateTime m_lastSynced;
    bool m_running = false;
    bool m_again = false;
    int m_pageSize = 2000;
    int m_pushBatch = wire::kMaxMutationsPerPush;
    qint64 m_pushBytesCap = 0; // lowered by each 413 from this server; 0 = none yet
    int m_snapshotPageSize = 5000;
    bool m_bootstrapping = false;
    bool m_cancelBootstrap = false;
    int m_failedBootstrapFetches = 0; // in a row, server away (see applySnapshotPage)
    bool m_bootstrappedThisRound = false; // an empty team's snapshot leaves the cursor at 0: pull, not again
    QThread* m_writerThread = nullptr;
    QObject* m_writer = nullptr;          // lives on m_writerThread
    Stats m_stats;
    bool m_started = false;
    int m_periodicMs = 5 * 60 * 1000;
    QDateTime m_nextRetry;
    int m_backoffMs = 0;               // 0 = the last attempt worked
    QTimer* m_retryTimer;              // backoff after a failure
    QTimer* m_periodicTimer;           // safety net while started
    QTimer* m_debounceTimer;           // local changes and live events coalesce into one round
    QTimer* m_streamWatchdog;          // no byte (not even the keep-alive) for too long: reconnect
    QPointer<QNetworkReply> m_stream;  // the live event stream while started
    QByteArray m_streamBuffer;
    qint64 m_lastKnownHead = -1;
    QList<std::function<void(bool, int, const QString&)>> m_refreshWaiters; // while a refresh runs
};

} // namespace outpost
