#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace outpost::server {

// Live events across server instances that share one PostgreSQL. After a push commits, the instance that
// applied it announces the team's new head (NOTIFY); every instance listens on a connection of its own, on
// a thread with an event loop, and tells its connected devices of that team to pull. An instance ignores
// its own announcements (it has told its devices already). A dropped listening connection is noticed within
// a second or so and made again; `onReconnected` (on the feed's thread) then lets the server tell its devices
// to pull, as announcements made while it was gone were missed.
class PostgresChangeFeed
{
    Q_DECLARE_TR_FUNCTIONS(outpost::server::PostgresChangeFeed)
public:
    using Handler = std::function<void(const QString& teamId, qint64 head)>; // called on the feed's thread

    PostgresChangeFeed(QString databaseUrl, Handler handler, std::function<void()> onReconnected = {});
    ~PostgresChangeFeed();
    PostgresChangeFeed(const PostgresChangeFeed&) = delete;
    PostgresChangeFeed& operator=(const PostgresChangeFeed&) = delete;

    // Connects and subscribes; returns once listening (or why it cannot).
    Status start();
    void stop();

    // Announces a team's new head to every instance, on `conn` (any connection to the shared database).
    Status announce(const QSqlDatabase& conn, const QString& teamId, qint64 head) const;

private:
    class Listener;
    QString m_url;
    QString m_instanceId;
    Handler m_handler;
    std::function<void()> m_onReconnected;
    std::unique_ptr<Listener> m_listener;
};

} // namespace outpost::server
