#include "service/PostgresChangeFeed.h"

#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <future>

namespace outpost::server {

Q_LOGGING_CATEGORY(lcChangeFeed, "outpost.server.feed", QtInfoMsg)

namespace {
const QString kChannel = QStringLiteral("outpost_changes");
} // namespace

// The listening connection lives on this thread: QPSQL delivers notifications through a socket notifier,
// i.e. through the event loop of the thread that opened the connection.
class PostgresChangeFeed::Listener : public QThread
{
public:
    Listener(const PostgresChangeFeed& feed, std::promise<Status> started) : m_feed(feed), m_started(std::move(started)) {}

protected:
    void run() override
    {
        Database::Options o;
        o.postgresUrl = m_feed.m_url;
        o.postgresSchema = QStringLiteral("outpost_accounts"); // any schema: notifications are database-wide
        o.migrations = postgresControlMigrations().value();  // the server opened (and migrated) it before
        o.readOnly = true;
        o.postgresNotifications = true;
        auto db = Database::open(std::move(o));
        if (!db) {
            m_started.set_value(db.error());
            return;
        }
        QSqlDatabase conn = (*db)->connection();
        QSqlDriver* driver = conn.driver();
        if (!driver->subscribeToNotification(kChannel)) {
            m_started.set_value(Error(ErrorCode::Database, PostgresChangeFeed::tr("Could not listen for other server instances' "
                                                                                  "changes: %1")
                                                               .arg(driver->lastError().text())));
            return;
        }
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
        m_started.set_value(Status());
        exec();
        driver->unsubscribeFromNotification(kChannel);
        conn = QSqlDatabase();
        db->reset(); // closes this thread's connection, on this thread
    }

private:
    const PostgresChangeFeed& m_feed;
    std::promise<Status> m_started;
};

PostgresChangeFeed::PostgresChangeFeed(QString databaseUrl, Handler handler)
    : m_url(std::move(databaseUrl)), m_instanceId(newUuidV7()), m_handler(std::move(handler))
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
