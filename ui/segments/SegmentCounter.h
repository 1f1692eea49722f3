#pragma once

#include "segments/SegmentFilter.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

namespace outpost {

class Database;

// Counts a segment's contacts on a worker thread (its own connection), so the editor stays fluid on a
// million contacts. request() is debounced: edits arriving within kDebounceMs of each other start one
// count. Every request starts a new generation: a count still running for an older one is interrupted
// (SegmentFilter::count's cancel flag stops SQLite) and its result, should it arrive, is dropped.
class SegmentCounter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 250;

    explicit SegmentCounter(Database& database, QObject* parent = nullptr);
    ~SegmentCounter() override; // interrupts a running count and waits for it

    // Counts `sql` after the debounce delay (or at once).
    void request(const SegmentFilter::Sql& sql);
    void requestNow(const SegmentFilter::Sql& sql);
    // Drops what is pending or running (e.g. the filter became invalid).
    void cancel();
    // A count is waiting for its delay or running.
    bool isCounting() const { return m_counting; }
    quint64 generation() const { return m_generation; }

signals:
    void counted(qint64 contacts);
    void failed(const QString& message);
    void countingChanged(bool counting);

private:
    void dropRunning();
    void startPending();
    void arrived(quint64 generation, const Result<qint64>& count);
    void setCounting(bool counting);

    Database& m_database;
    QTimer m_delay;
    QThreadPool m_pool;
    std::optional<SegmentFilter::Sql> m_pending;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel; // of the count started last
    bool m_counting = false;
};

} // namespace outpost
