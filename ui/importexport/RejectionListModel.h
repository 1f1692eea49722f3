#pragma once

#include "importexport/ContactImporter.h"

#include <QAbstractTableModel>
#include <QList>

namespace outpost {

// The lines an import rejected: line number(s), the reason, and what the line held.
class RejectionListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineColumn, ReasonColumn, ContentColumn, ColumnCount };

    explicit RejectionListModel(QObject* parent = nullptr);

    void setRejections(const QList<ImportRejection>& rejections);
    const QList<ImportRejection>& rejections() const { return m_rejections; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ImportRejection> m_rejections;
};

} // namespace outpost
