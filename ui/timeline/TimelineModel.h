#pragma once

#include "mutations/Mutation.h"
#include "timeline/Timeline.h"

#include <QAbstractListModel>

namespace outpost {

class Database;

// A record's timeline, newest first, read a page at a time (canFetchMore/fetchMore) from Timeline's sources,
// filterable by kind. Reads again when the record's history changes.
class TimelineModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        AtRole,
        TitleRole,
        BodyRole,
        RowIdRole
    };
    static constexpr int PageSize = 50;

    explicit TimelineModel(Database& database, const Timeline& timeline = Timeline::standard(),
                           QObject* parent = nullptr);

    // Shows this record's history (empty id: nothing).
    void setSubject(const QString& subjectType, const QString& subjectId);
    // Only these kinds (empty: every kind).
    void setKinds(const QSet<QString>& kinds);
    void reload();
    void onEntitiesChanged(const outpost::EntityChanges& changes);

    const TimelineEntry* entryAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadFailed(const QString& message);

private:
    Database& m_db;
    const Timeline& m_timeline;
    TimelineQuery m_query;
    QList<TimelineEntry> m_entries;
    TimelineCursor m_next;
    bool m_more = false;
    bool m_changing = false;
};

} // namespace outpost
