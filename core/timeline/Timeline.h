#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace outpost {

// One thing that happened to a record, as the timeline shows it.
struct TimelineEntry
{
    QString kind;  // call | meeting | email | note | score | … (each source names its own)
    QString key;   // unique across sources: "<source>/<row id>"; breaks ties of `at`
    QString rowId; // the row it comes from (an activity id, …)
    qint64 at = 0; // UTC ms
    QString title;
    QString body;
};

// Where the next page starts: entries strictly older than (at, key). An empty key starts at the newest.
struct TimelineCursor
{
    qint64 at = 0;
    QString key;
    bool isStart() const { return key.isEmpty(); }
    // Whether (at, key) comes after the cursor in newest-first order.
    bool before(qint64 entryAt, const QString& entryKey) const
    {
        return isStart() || entryAt < at || (entryAt == at && entryKey < key);
    }
};

struct TimelineQuery
{
    QString subjectType; // contact | company | deal | lead
    QString subjectId;
    QSet<QString> kinds; // empty: every kind
    bool wants(const QString& kind) const { return kinds.isEmpty() || kinds.contains(kind); }
};

// One kind of history (activities, score changes, deal stage changes). A source returns, newest first, at most
// `limit` of its entries for the query that come after the cursor. `subjects` are the subject and the records
// linked to it whose history it shows (a lead and its contact, a contact and its leads), read once per page for
// every source.
class TimelineSource
{
public:
    virtual ~TimelineSource() = default;
    virtual QStringList kinds() const = 0;
    virtual Result<QList<TimelineEntry>> fetch(QSqlDatabase& db, const TimelineQuery& query, const QStringList& subjects,
                                               const TimelineCursor& after, int limit) const = 0;
};

// A record's history from every source, newest first, a page at a time (each source is asked for one page and
// the pages are merged, so a page costs one indexed query per source whatever the history's length).
class Timeline
{
    Q_DECLARE_TR_FUNCTIONS(Timeline)
public:
    void addSource(std::shared_ptr<const TimelineSource> source);
    QStringList kinds() const;

    struct Page
    {
        QList<TimelineEntry> entries;
        TimelineCursor next;
        bool more = false;
    };
    Result<Page> page(QSqlDatabase& db, const TimelineQuery& query, const TimelineCursor& after, int limit) const;

    // Activities, score changes and deal stage changes. A module with more history adds its source here.
    static const Timeline& standard();
    static QString kindLabel(const QString& kind);
    // The subject and the records linked to it whose history its timeline shows.
    static Result<QStringList> subjectsOf(QSqlDatabase& db, const TimelineQuery& query);

private:
    std::vector<std::shared_ptr<const TimelineSource>> m_sources;
};

} // namespace outpost
