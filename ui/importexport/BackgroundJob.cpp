#include "importexport/BackgroundJob.h"

#include "storage/Database.h"

#include <QThread>

namespace outpost {

BackgroundJob::BackgroundJob(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
}

BackgroundJob::~BackgroundJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

bool BackgroundJob::start(std::function<void()> work)
{
    if (m_running)
        return false;
    if (m_thread) { // the previous run's thread, ended but not yet collected
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_cancel = false;
    {
        QMutexLocker lock(&m_postLock);
        m_posted = nullptr;
    }
    Database* database = &m_database;
    m_thread = QThread::create([work = std::move(work), database] {
        work();
        database->releaseThreadConnection();
    });
    m_thread->setObjectName(QStringLiteral("outpost-job"));
    // Delivered on this object's thread: the work has returned and its results are in place.
    connect(m_thread, &QThread::finished, this, &BackgroundJob::threadFinished, Qt::QueuedConnection);
    m_running = true;
    m_thread->start();
    emit runningChanged(true);
    return true;
}

void BackgroundJob::cancel()
{
    if (m_running)
        m_cancel = true;
}

void BackgroundJob::post(std::function<void()> update)
{
    QMutexLocker lock(&m_postLock);
    m_posted = std::move(update);
    if (m_postQueued)
        return; // the queued delivery will take this newer update
    m_postQueued = true;
    QMetaObject::invokeMethod(this, &BackgroundJob::deliverPosted, Qt::QueuedConnection);
}

void BackgroundJob::reportProgress(qint64 done, qint64 total)
{
    post([this, done, total] { emit progress(done, total); });
}

void BackgroundJob::deliverPosted()
{
    std::function<void()> update;
    {
        QMutexLocker lock(&m_postLock);
        update = std::move(m_posted);
        m_posted = nullptr;
        m_postQueued = false;
    }
    if (update && m_running) // nothing from a run that already finished
        update();
}

void BackgroundJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

void BackgroundJob::threadFinished()
{
    if (!m_running)
        return;
    // An update posted just before the work returned is still queued behind this call: drop it, the
    // result says more.
    {
        QMutexLocker lock(&m_postLock);
        m_posted = nullptr;
    }
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_running = false;
    emit runningChanged(false);
    emit finished();
}

} // namespace outpost
