#pragma once

#include "segments/SegmentMutators.h"

#include <QAbstractListModel>

namespace outpost {

class Database;

// The team's saved segments by name (a team has tens of them: read whole, again on every change).
class SegmentListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit SegmentListModel(Database& database, QObject* parent = nullptr);

    // Reads the list again; false (and loadFailed()) when it cannot.
    bool reload();
    const Segment* segmentAt(int row) const;
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void loadFailed(const QString& message);

private:
    Database& m_database;
    QList<Segment> m_segments;
};

} // namespace outpost
