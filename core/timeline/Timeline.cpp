#include "timeline/Timeline.h"

#include "activities/Activity.h"
#include "timeline/TimelineSources.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace outpost {

void Timeline::addSource(std::shared_ptr<const TimelineSource> source)
{
    m_sources.push_back(std::move(source));
}

QStringList Timeline::kinds() const
{
    QStringList out;
    for (const auto& s : m_sources)
        out << s->kinds();
    return out;
}

Result<Timeline::Page> Timeline::page(QSqlDatabase& db, const TimelineQuery& query, const TimelineCursor& after,
                                      int limit) const
{
    Page page;
    auto subjects = subjectsOf(db, query);
    if (!subjects)
        return subjects.error();
    QList<TimelineEntry> all;
    for (const auto& source : m_sources) {
        bool wanted = false;
        for (const QString& k : source->kinds())
            wanted = wanted || query.wants(k);
        if (!wanted)
            continue;
        // One more than asked, so "more" is known without another round trip.
        auto entries = source->fetch(db, query, subjects.value(), after, limit + 1);
        if (!entries)
            return entries.error();
        all << entries.value();
    }
    std::sort(all.begin(), all.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
        return a.at != b.at ? a.at > b.at : a.key > b.key;
    });
    page.more = all.size() > limit;
    page.entries = all.mid(0, limit);
    if (!page.entries.isEmpty())
        page.next = {page.entries.last().at, page.entries.last().key};
    return page;
}

Result<QStringList> Timeline::subjectsOf(QSqlDatabase& db, const TimelineQuery& query)
{
    QStringList out{query.subjectId};
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (query.subjectType == QLatin1String("lead"))
        q.prepare(QStringLiteral("SELECT contact_id FROM leads WHERE id = ? AND contact_id <> ''"));
    else if (query.subjectType == QLatin1String("contact"))
        q.prepare(QStringLiteral("SELECT id FROM leads WHERE contact_id = ?"));
    else
        return out;
    q.addBindValue(query.subjectId);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the timeline: %1").arg(q.lastError().text()));
    while (q.next())
        out << q.value(0).toString();
    return out;
}

const Timeline& Timeline::standard()
{
    static const Timeline timeline = [] {
        Timeline t;
        t.addSource(std::make_shared<ActivityTimelineSource>());
        t.addSource(std::make_shared<ScoreTimelineSource>());
        t.addSource(std::make_shared<StageTimelineSource>());
        return t;
    }();
    return timeline;
}

QString Timeline::kindLabel(const QString& kind)
{
    if (kind == QLatin1String("score"))
        return tr("Score change");
    if (kind == QLatin1String("stage"))
        return tr("Stage change");
    return ActivityValidation::kindLabel(kind);
}

} // namespace outpost
