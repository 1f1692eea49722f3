#pragma once

#include <QMutex>
#include <QObject>

#include <atomic>
#include <functional>

class QThread;

namespace outpost {

class Database;

// Runs one piece of long work (an import, an undo, an export) on its own thread, so the window stays
// responsive, with a cancel flag the work polls and progress that reaches the owner's thread coalesced:
// however often the work reports, at most one update waits in the event queue and it carries the latest
// state, so a fast loop never floods the UI.
//
// The work gets the worker thread's own connection of `database` through Database::connection() and this
// job closes it when the work returns. Results travel the way ProfileManager's background work does: the
// work writes into state the caller captured (a shared_ptr) and finished() is delivered on the owner's
// thread after the work has returned. Destroying a running job cancels it and waits for it: the work must
// check cancelFlag() often (the importer checks it per record, the exporter per thousand contacts).
class BackgroundJob : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundJob(Database& database, QObject* parent = nullptr);
    ~BackgroundJob() override;

    // Starts `work` on a new thread; false (and nothing runs) when a job is already running.
    bool start(std::function<void()> work);
    bool isRunning() const { return m_running; }

    // Asks the work to stop; it does at its next check. finished() follows as usual.
    void cancel();
    bool isCancelRequested() const { return m_cancel.load(); }
    const std::atomic_bool* cancelFlag() const { return &m_cancel; }

    // From the worker: `update` runs on the owner's thread soon, unless a newer one replaces it first.
    void post(std::function<void()> update);
    // From the worker: progress() follows on the owner's thread (coalesced like post()).
    void reportProgress(qint64 done, qint64 total);

    // Blocks until the work has returned (for destructors and tests); finished() is still delivered later.
    void wait();

signals:
    void progress(qint64 done, qint64 total);
    // The work has returned (completed, failed or cancelled: the work's own result says which).
    void finished();
    void runningChanged(bool running);

private:
    void deliverPosted();
    void threadFinished();

    Database& m_database;
    QThread* m_thread = nullptr;
    bool m_running = false;
    std::atomic_bool m_cancel{false};
    QMutex m_postLock;
    std::function<void()> m_posted; // the latest update not yet delivered
    bool m_postQueued = false;
};

} // namespace outpost
