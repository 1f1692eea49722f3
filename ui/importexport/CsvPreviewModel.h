#pragma once

#include "io/CsvRecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace outpost {

// The first records of a CSV file as read, cell by cell under the file's own column names, for the
// wizard's "how the file is read" preview. The vertical header gives each record's line number; a
// record the reader found broken is shown in the error colour with its reason as the tooltip.
class CsvPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit CsvPreviewModel(QObject* parent = nullptr);

    void setContent(const QStringList& header, const QList<CsvRecord>& records);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_header;
    QList<CsvRecord> m_records;
    int m_columns = 0;
};

} // namespace outpost
