#include "timeline/Timeline.h"

#include "activities/Activity.h"
#include "timeline/TimelineSources.h"

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
    QList<TimelineEntry> all;
    for (const auto& source : m_sources) {
        bool wanted = false;
        for (const QString& k : source->kinds())
            wanted = wanted || query.wants(k);
        if (!wanted)
            continue;
        // One more than asked, so "more" is known without another round trip.
        auto entries = source->fetch(db, query, after, limit + 1);
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
