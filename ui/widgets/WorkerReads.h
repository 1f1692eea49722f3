#pragma once

#include "storage/Database.h"
#include "storage/QueryInterrupt.h"

#include <QFont>
#include <QGuiApplication>
#include <QMetaObject>
#include <QObject>
#include <QPalette>
#include <QThreadPool>
#include <QVariant>

#include <atomic>
#include <memory>
#include <utility>

namespace outpost {

// The reads of a model (a page, the first page of a new query) on one worker thread of its own, each on the
// worker's connection and interruptible. start() runs `read(database)` there and hands its result to
// `deliver` on the thread of `receiver` (the model owning this), through its event loop. drop() makes every
// read started before it stale: one not yet running never runs, a running one stops at SQLite's next
// interrupt check, and no stale result is delivered, whenever it arrives. One read runs at a time: a newer
// one waits for the interrupted older one. The destructor drops and waits for the running read.
class WorkerReads
{
public:
    explicit WorkerReads(Database& database) : m_database(database) { m_pool.setMaxThreadCount(1); }
    ~WorkerReads()
    {
        drop();
        m_pool.waitForDone();
    }
    WorkerReads(const WorkerReads&) = delete;
    WorkerReads& operator=(const WorkerReads&) = delete;

    template <typename Read, typename Deliver>
    void start(QObject* receiver, Read read, Deliver deliver)
    {
        Database* database = &m_database;
        m_pool.start([database, receiver, cancel = m_cancel, read = std::move(read), deliver = std::move(deliver)] {
            auto result = [&] {
                const QueryInterrupt interrupt(database->connection(), cancel.get());
                return read(*database);
            }();
            database->releaseThreadConnection();
            // The receiver owns this, whose destructor waits for this task: it still exists here. A call
            // queued for it after it is gone is dropped by Qt.
            QMetaObject::invokeMethod(
                receiver,
                [cancel, deliver, result] {
                    if (!cancel->load())
                        deliver(result);
                },
                Qt::QueuedConnection);
        });
    }

    void drop()
    {
        m_pool.clear();
        m_cancel->store(true);
        m_cancel = std::make_shared<std::atomic_bool>(false);
    }

private:
    Database& m_database;
    QThreadPool m_pool;
    // Shared by the reads started since the last drop(), which sets it and starts a new one.
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

// What a list's trailing "Loading…" row shows while its page is read on the worker: `text` in `textColumn`,
// italic, in the placeholder colour; nothing else.
inline QVariant loadingRowData(int role, int column, int textColumn, const QString& text)
{
    if (role == Qt::DisplayRole && column == textColumn)
        return text;
    if (role == Qt::FontRole) {
        QFont italic;
        italic.setItalic(true);
        return italic;
    }
    if (role == Qt::ForegroundRole)
        return QGuiApplication::palette().brush(QPalette::PlaceholderText);
    return {};
}

} // namespace outpost
