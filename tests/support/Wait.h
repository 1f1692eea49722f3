#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace outpost::test {

// Runs the event loop until `condition` holds or `timeoutMs` passes; returns whether it holds.
// For asynchronous callbacks and signals: no fixed sleeps. The loop sleeps until an event comes; a tick
// wakes it now and then for conditions no event announces (a process that ended) and for the deadline.
// (processEvents(flags, ms) would not do: it drops WaitForMoreEvents and spins a core while waiting.)
inline bool waitUntil(const std::function<bool()>& condition, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer tick;
    tick.start(20);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

} // namespace outpost::test
