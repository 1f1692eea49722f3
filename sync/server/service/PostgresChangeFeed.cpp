#include "service/PostgresChangeFeed.h"

#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <future>

namespace outpost::server {

Q_LOGGING_CATEGORY(lcChangeFeed, "outpost.server.feed", QtInfoMsg)

namespace {
const QString kChannel = QStringLiteral("outpost_changes");
} // namespace

// The listening connection lives on this thread: QPSQL delivers notifications through a socket notifier,
// i.e. through the event loop of the thread that opened the connection. QPSQL says nothing when that
// connection drops (a restarted database, pg_terminate_backend, a cut network): the thread checks it every
// kCheckMs and, when it is gone, connects and listens again, retrying until it can; every open team is then
// told to pull, since announcements made meanwhile were missed.
class PostgresChangeFeed::Listener : public QThread
{
public:
    static constexpr int kCheckMs = 1000;

    Listener(const PostgresChangeFeed& feed, std::promise<Status> started) : m_feed(feed), m_started(std::move(started)) {}

protected:
    void run() override
    {
        Status first = listen();
        const bool listening = first.ok();
        m_started.set_value(std::move(first));
        if (!listening)
            return;
        QTimer check;
        check.setInterval(kCheckMs);
        QObject::connect(&check, &QTimer::timeout, &check, [this] {
            if (m_db && alive())
                return;
            if (m_db) {
                qCWarning(lcChangeFeed) << "lost the connection that listens for other instances' changes; reconnecting";
                close();
            }
            if (Status s = listen(); !s) {
                qCWarning(lcChangeFeed) << "could not listen for other instances' changes yet:" << s.message();
                return;
            }
            qCInfo(lcChangeFeed) << "listening for other instances' changes again";
            if (m_feed.m_onReconnected)
                m_feed.m_onReconnected();
        });
        check.start();
        exec();
        close();
    }

private:
    Status listen()
    {
        Database::Options o;
        o.postgresUrl = withTimeouts(m_feed.m_url);
        o.postgresSchema = QStringLiteral("outpost_accounts"); // any schema: notifications are database-wide
        o.migrations = postgresControlMigrations().value();  // the server opened (and migrated) it before
        o.readOnly = true;
        o.postgresNotifications = true;
        auto db = Database::open(std::move(o));
        if (!db)
            return db.error();
        QSqlDatabase conn = (*db)->connection();
        QSqlQuery name(conn);
        (void)name.exec(QStringLiteral("SET application_name = 'outpost-feed'")); // for an administrator's eyes only
        QSqlDriver* driver = conn.driver();
        if (!driver->subscribeToNotification(kChannel))
            return Error(ErrorCode::Database, PostgresChangeFeed::tr("Could not listen for other server instances' changes: %1")
                                                  .arg(driver->lastError().text()));
        QObject::connect(driver, &QSqlDriver::notification, driver,
                         [this](const QString&, QSqlDriver::NotificationSource, const QVariant& payload) {
                             // "<instance id> <team id> <head>"
                             const QStringList parts = payload.toString().split(QLatin1Char(' '));
                             bool ok = false;
                             const qint64 head = parts.value(2).toLongLong(&ok);
                             if (parts.size() != 3 || !ok || parts.at(0) == m_feed.m_instanceId)
                                 return;
                             m_feed.m_handler(parts.at(1), head);
                         });
        m_db = std::move(db.value());
        return {};
    }

    // This thread blocks in libpq while it connects and checks: on a cut network (no reset) that would be the
    // kernel's retransmission timeout, many minutes without other instances' changes and a shutdown waiting
    // for it. Bounded here unless the URL says otherwise: connecting 5 s, a silent connection found within ~25 s.
    static QString withTimeouts(const QString& url)
    {
        QUrl u(url);
        QUrlQuery q(u);
        const std::pair<const char*, const char*> defaults[] = {
            {"connect_timeout", "5"}, {"keepalives", "1"},        {"keepalives_idle", "10"},
            {"keepalives_interval", "5"}, {"keepalives_count", "3"}, {"tcp_user_timeout", "15000"}};
        for (const auto& [key, value] : defaults) {
            if (!q.hasQueryItem(QLatin1String(key)))
                q.addQueryItem(QLatin1String(key), QLatin1String(value));
        }
        u.setQuery(q);
        return u.toString(QUrl::FullyEncoded);
    }

    bool alive()
    {
        QSqlQuery q(m_db->connection());
        return q.exec(QStringLiteral("SELECT 1"));
    }

    void close()
    {
        if (!m_db)
            return;
        {
            QSqlDatabase conn = m_db->connection();
            if (conn.driver()->subscribedToNotifications().contains(kChannel))
                conn.driver()->unsubscribeFromNotification(kChannel);
        }
        m_db.reset(); // closes this thread's connection, on this thread
    }

    const PostgresChangeFeed& m_feed;
    std::promise<Status> m_started;
    std::unique_ptr<Database> m_db;
};

PostgresChangeFeed::PostgresChangeFeed(QString databaseUrl, Handler handler, std::function<void()> onReconnected)
    : m_url(std::move(databaseUrl))
    , m_instanceId(newUuidV7())
    , m_handler(std::move(handler))
    , m_onReconnected(std::move(onReconnected))
{
}

PostgresChangeFeed::~PostgresChangeFeed()
{
    stop();
}

Status PostgresChangeFeed::start()
{
    std::promise<Status> started;
    std::future<Status> result = started.get_future();
    m_listener = std::make_unique<Listener>(*this, std::move(started));
    m_listener->start();
    Status s = result.get();
    if (!s) {
        m_listener->wait();
        m_listener.reset();
    }
    return s;
}

void PostgresChangeFeed::stop()
{
    if (!m_listener)
        return;
    m_listener->quit();
    m_listener->wait();
    m_listener.reset();
}

Status PostgresChangeFeed::announce(const QSqlDatabase& conn, const QString& teamId, qint64 head) const
{
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    q.addBindValue(kChannel);
    q.addBindValue(QStringLiteral("%1 %2 %3").arg(m_instanceId, teamId).arg(head));
    if (!q.exec()) {
        qCWarning(lcChangeFeed) << "could not announce a change to other instances:" << q.lastError().text();
        return Error(ErrorCode::Database, q.lastError().text());
    }
    return {};
}

} // namespace outpost::server
